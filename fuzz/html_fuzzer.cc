// libFuzzer target: the HTML reader (libxml2's HTML parser and lisan's walk
// of its tree) on arbitrary bytes named as a page, with a small text bound
// so that cutting is reached too. Whatever comes in, a document's text and
// title are UTF-8 within their bounds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "lisan/analyzers/utf8.h"
#include "lisan/indexer/file_formats.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // PDF and zip signatures go to their own readers whatever the name.
  if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos || bytes.starts_with("PK"))
    return 0;
  lisan::ExtractOptions options;
  options.max_text_bytes = 4096;
  const lisan::ExtractedDocument doc = lisan::extract_document("page.html", bytes, options);
  if (doc.skipped) {
    if (doc.skip_message.empty()) std::abort();
    return 0;
  }
  if (doc.format != "html") std::abort();
  if (doc.text.size() > options.max_text_bytes) std::abort();
  if (doc.title.size() > 300) std::abort();
  if (lisan::count_invalid_utf8(doc.text) != 0 || lisan::count_invalid_utf8(doc.title) != 0)
    std::abort();
  return 0;
}
