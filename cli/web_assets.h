// The search page's files (web/), built into the program so that
// `lisan serve` needs nothing installed beside it.
//
// Thread-safety: immutable data. Lifetime: static.
#pragma once

#include <string_view>
#include <vector>

namespace lisan::cli {

struct WebAsset {
  std::string_view path;  // URL path, e.g. "/app.js"
  std::string_view content_type;
  std::string_view body;
};

const std::vector<WebAsset>& web_assets();

}  // namespace lisan::cli
