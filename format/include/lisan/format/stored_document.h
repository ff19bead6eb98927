/// @file
/// What an index keeps of each document (its Xapian document data, as JSON),
/// so that the searcher needs no original file to show a hit and its snippet.
///
/// Thread-safety: value types; functions are pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "lisan/format/fields.h"

namespace lisan {

/// One document as the index stores it.
struct StoredDocument {
  std::string id;          ///< the document's unique id (SourceDocument::id)
  std::string title;       ///< given, or the first non-empty line of text
  std::string url;         ///< may be empty
  std::string lang;        ///< "ar", "id", "en", "und"
  std::string source;      ///< source path, empty for JSONL and API input
  std::uint64_t size = 0;  ///< bytes of the original input
  std::string text;        ///< body text (UTF-8, repaired), for snippets
  FieldValues fields;      ///< the document's field values (FieldSchema), as given
};

/// JSON object text, e.g. {"id":"a.txt","title":"…",…}; fields, when there
/// are any, as {"fields":{"date":["2025-11-03"],"tags":["a","b"]},…}.
std::string serialize_document_data(const StoredDocument& doc);

/// Parses document data; a field that is missing or of the wrong type is left
/// empty (never throws on malformed data: a damaged record shows as blank).
StoredDocument parse_document_data(std::string_view data);

}  // namespace lisan
