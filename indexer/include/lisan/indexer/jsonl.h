/// @file
/// JSONL documents as `lisan index` reads them: one JSON object a line,
/// {"id", "text", "title"?, "lang"?, "url"?, "fields"?} (docs/INDEX_FORMAT.md),
/// or {"id", "deleted": true} to delete a document; each line a document,
/// a deletion, or a reason it was rejected. For an application that
/// takes documents in that format (over a socket, from a queue) and hands
/// them to Indexer::add_document.
///
/// Thread-safety: a JsonlReader is one stream's; parse_jsonl_line may be
/// called from any thread.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "lisan/indexer/indexer.h"

namespace lisan {

/// One line's outcome.
struct JsonlRecord {
  std::uint64_t line = 0;                  ///< 1-based line number
  std::optional<SourceDocument> document;  ///< empty: the line was rejected
  /// {"id": …, "deleted": true}: delete the document `document->id` (its
  /// other members are empty).
  bool deleted = false;
  std::string error;  ///< why, when rejected
  /// Invalid UTF-8 sequences of the line replaced by U+FFFD so that it
  /// parsed: the document is kept, the repair reported.
  std::size_t repaired_utf8 = 0;
  /// Values of "fields" that were not taken (an object, a boolean), each
  /// with why; the rest of the document is kept.
  std::vector<std::string> field_problems;
  /// Top-level keys lisan does not read (kept for compatibility: they are
  /// ignored; the Indexer reports those that name a field, which belongs
  /// inside "fields").
  std::vector<std::string> other_keys;
};

/// The records of a stream, one line at a time.
class JsonlReader {
 public:
  /// @param in borrowed; must outlive the reader
  /// @param max_line_bytes longer lines are rejected without being parsed
  JsonlReader(std::istream& in, std::uint64_t max_line_bytes);

  /// The next non-blank line's record, or nullopt at the end of the stream.
  std::optional<JsonlRecord> next();

 private:
  std::istream& in_;
  std::uint64_t max_line_bytes_;
  std::uint64_t line_ = 0;
  std::string buffer_;
};

/// Parses one line (a byte order mark before it is skipped); never throws.
JsonlRecord parse_jsonl_line(std::string_view line, std::uint64_t line_number);

}  // namespace lisan
