// libFuzzer target: plain text in unknown encodings — byte order marks,
// ICU's charset detection and conversion — on arbitrary bytes, detected and
// with an encoding forced (chosen by the first byte). A document's text is
// always UTF-8.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "lisan/analyzers/utf8.h"
#include "lisan/indexer/file_formats.h"

namespace {

// Text, or HTML when what follows the first byte (the forced run) is a page.
void check(const lisan::ExtractedDocument& doc) {
  if (doc.skipped) {
    if (doc.skip_message.empty()) std::abort();
    return;
  }
  if (doc.format != "text" && doc.format != "html") std::abort();
  if (lisan::count_invalid_utf8(doc.text) != 0 || lisan::count_invalid_utf8(doc.title) != 0)
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // Only plain text: other formats' signatures go to their own readers.
  const std::size_t first = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos || bytes.starts_with("PK") ||
      (first != std::string_view::npos && bytes[first] == '<'))
    return 0;
  check(lisan::extract_document("notes.txt", bytes));
  if (bytes.empty()) return 0;
  constexpr std::array<const char*, 8> kEncodings = {"windows-1256", "ISO-8859-6", "windows-1252",
                                                     "ISO-8859-1",   "UTF-16LE",   "UTF-16",
                                                     "Shift_JIS",    "UTF-32"};
  lisan::ExtractOptions forced;
  forced.encoding = kEncodings[static_cast<std::uint8_t>(bytes[0]) % kEncodings.size()];
  check(lisan::extract_document("notes.txt", bytes.substr(1), forced));
  return 0;
}
