// libFuzzer target: the JSONL reader on arbitrary bytes, as a stream of lines
// (with a small line limit so that the overlong-line path is reached too).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "lisan/indexer/jsonl.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  std::istringstream in(bytes);
  lisan::JsonlReader reader(in, 256);
  std::uint64_t last_line = 0;
  while (auto record = reader.next()) {
    // Line numbers increase; a record is either a document or an error.
    if (record->line <= last_line) std::abort();
    if (record->document.has_value() == !record->error.empty()) std::abort();
    if (record->document && record->document->id.empty()) std::abort();
    // A deletion carries its id alone.
    if (record->deleted && (!record->document || !record->document->text.empty() ||
                            !record->document->fields.empty())) {
      std::abort();
    }
    if (record->document) {
      for (const auto& [name, values] : record->document->fields) {
        if (values.empty()) std::abort();  // a field given is a field with a value
      }
    }
    last_line = record->line;
  }
  (void)lisan::parse_jsonl_line(bytes, 1);
  return 0;
}
