// Reads JSONL records: {"id", "text", "title"?, "lang"?, "url"?} one a line.
//
// Not thread-safe; one reader per stream.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>

#include "lisan/indexer/indexer.h"

namespace lisan::internal {

struct JsonlRecord {
  std::uint64_t line = 0;                  // 1-based line number
  std::optional<SourceDocument> document;  // empty: the line was rejected
  std::string error;                       // why, when rejected
  // Invalid UTF-8 sequences of the line replaced by U+FFFD so that it
  // parsed: the document is kept, the repair reported.
  std::size_t repaired_utf8 = 0;
};

class JsonlReader {
 public:
  // Lines longer than `max_line_bytes` are rejected without being parsed.
  JsonlReader(std::istream& in, std::uint64_t max_line_bytes);

  // The next non-blank line's record, or nullopt at the end of the stream.
  std::optional<JsonlRecord> next();

 private:
  std::istream& in_;
  std::uint64_t max_line_bytes_;
  std::uint64_t line_ = 0;
  std::string buffer_;
};

// Parses one line; never throws.
JsonlRecord parse_jsonl_line(std::string_view line, std::uint64_t line_number);

}  // namespace lisan::internal
