// The index terms a query asked for, used to mark the words of a snippet
// and to list a hit's matched terms.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace lisan::internal {

struct QueryTerms {
  std::set<std::string, std::less<>> exact;      // unprefixed normalized words
  std::set<std::string, std::less<>> stems;      // prefixed stems (ZA…, ZI…, ZE…)
  std::set<std::string, std::less<>> name_keys;  // prefixed keys (XKA…, XKL…)
  std::vector<std::string> expansions;           // readable name keys and translations

  bool empty() const { return exact.empty() && stems.empty(); }
};

}  // namespace lisan::internal
