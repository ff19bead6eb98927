// A document's field values checked against the index's FieldSchema and
// turned into what the index holds: boolean terms, value slots, text to
// analyse (docs/INDEX_FORMAT.md, "Fields").
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "lisan/format/fields.h"

namespace lisan::internal {

// What DocumentBuilder writes for a document's fields; made on the thread
// that reads the input, so that the builder needs no schema.
struct PreparedFields {
  std::vector<std::string> boolean_terms;                  // keyword values
  std::vector<std::pair<unsigned, std::string>> values;    // slot, sortable content
  std::vector<std::pair<std::string, std::string>> texts;  // term prefix, text to analyse
};

// Checks `given` against `schema`. Each field that fits goes into `kept`
// (the stored values) and `out`; a field the schema lacks, or one with a
// value that does not fit its type, is dropped whole and `dropped` told why.
void prepare_fields(const FieldSchema& schema, const FieldValues& given, FieldValues& kept,
                    PreparedFields& out, const std::function<void(std::string)>& dropped);

// The built-in fields of a file (modified, size, path): `id` is its path
// relative to the folder indexed, whose folders are its path values
// ("news/2025/a.txt": "news" and "news/2025").
FieldValues file_fields(const std::string& id, std::int64_t mtime, std::uint64_t size);

}  // namespace lisan::internal
