/// @file
/// The documents `lisan index` finds in files: plain text (UTF-8, UTF-16 or
/// 32 with a byte order mark, legacy 8-bit encodings told by ICU's charset
/// detector), HTML and XHTML, PDF, DOCX, ODT and EPUB, each told by its
/// content (magic bytes) and its name. For an application that indexes files
/// it gets some other way (uploads, mail attachments) through
/// Indexer::add_document.
///
/// Thread-safety: extract_document may be called from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lisan/indexer/indexer.h"

namespace lisan {

/// Bounds and choices of one extraction.
struct ExtractOptions {
  /// Text past this many bytes is cut (IndexOptions::max_file_bytes).
  std::uint64_t max_text_bytes = 64ull << 20;
  /// Seconds a file may take (IndexOptions::file_time_limit); checked between
  /// pages and chapters, so one page's parse is not interrupted.
  double time_limit_seconds = 60;
  /// The encoding of plain-text files and of HTML that declares none, as
  /// ICU names it ("windows-1256"); empty: told by byte order mark or ICU's
  /// detector.
  std::string encoding;
};

/// A file's document, or why it is not one.
struct ExtractedDocument {
  /// "text", "html", "pdf", "docx", "odt" or "epub".
  std::string format;
  std::string title;     ///< its own title (an HTML page's title element, PDF and Office metadata),
                         ///< else its first line
  std::string text;      ///< the body, UTF-8, without markup
  std::string url;       ///< an HTML canonical link, a text's last line when a URL; may be empty
  std::string language;  ///< the language it declares ("ar", "en-GB"); empty when none
  /// Metadata by name: "description", "keywords", "author", "subject",
  /// "created", "modified", "date" (ISO 8601 where the format gives dates).
  std::map<std::string, std::vector<std::string>> metadata;
  /// What happened on the way that people may want to know (a bound reached,
  /// a conversion from a legacy encoding); the document is still indexed.
  std::vector<std::string> notes;
  /// Invalid UTF-8 sequences replaced by U+FFFD.
  std::size_t repaired_utf8 = 0;
  /// Set when the file is not indexed; `skip_message` says why.
  std::optional<SkipReason> skipped;
  std::string skip_message;  ///< for people, e.g. "encrypted PDF (needs a password); skipped"
};

/// The document in `bytes`, the content of a file named `file_name` (its
/// extension is a hint; magic bytes decide first). Never throws on bad
/// input: a damaged, encrypted, unknown binary or empty file comes back with
/// `skipped` set.
ExtractedDocument extract_document(std::string_view file_name, std::string_view bytes,
                                   const ExtractOptions& options = {});

/// True when ICU has a converter for `name` (ExtractOptions::encoding).
bool is_known_encoding(const std::string& name);

}  // namespace lisan
