/// @file
/// Document fields: the named values a document carries besides its text
/// (a source, a date, a price, tags, an author), their types, and the
/// index's field schema, which says where each field lives in the index
/// (docs/INDEX_FORMAT.md, "Fields").
///
/// Thread-safety: value types; functions are pure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lisan {

/// What a field holds, which decides how it is indexed and searched.
enum class FieldType {
  kKeyword,  ///< exact values (one or a list): filter, facet, sort
  kNumber,   ///< an integer or decimal: range filter, sort
  kDate,     ///< ISO 8601 date or date-time (UTC unless an offset is given): range, sort, histogram
  kText,     ///< words, analysed like the body: searchable as name:word and with the body
};

/// The name of `type` as schema files write it: "keyword", "number", "date", "text".
std::string_view field_type_name(FieldType type) noexcept;
/// The type named `name` (as field_type_name writes it), or nullopt.
std::optional<FieldType> parse_field_type(std::string_view name) noexcept;

/// A document's field values: field name → its values as text (a number as
/// written, e.g. "12.5"; a date as ISO 8601; a keyword list as several values).
using FieldValues = std::map<std::string, std::vector<std::string>>;

/// One field of a schema and where it lives in the index.
struct FieldSpec {
  std::string name;                      ///< [a-z][a-z0-9_]*, at most 32 bytes
  FieldType type = FieldType::kKeyword;  ///< its type
  /// Value slot of a keyword, number or date field (0 for a text field).
  unsigned slot = 0;
  /// Whether the field is one the indexer fills for files (modified, size, path).
  bool builtin = false;
};

/// The fields of an index. A new schema holds the built-in fields every index
/// has (`modified` date, `size` number, `path` keyword, filled for files);
/// a schema file adds the application's. Value slots are given out from
/// kFirstFieldSlot up in the order fields are added, and kept for good.
class FieldSchema {
 public:
  /// The first value slot given to a field (slots below are lisan's own).
  static constexpr unsigned kFirstFieldSlot = 10;

  /// A schema of the built-in fields only.
  FieldSchema();

  /// Parses a schema file: {"fields": {"source": "keyword", "price": "number", …}},
  /// added to the built-in fields.
  /// @throws InvalidArgument naming what is wrong (not JSON, an unknown type,
  ///         a bad or reserved name, a built-in field given another type)
  static FieldSchema parse(std::string_view json);

  /// Reads the schema stored in an index's metadata (to_metadata()); an
  /// empty string is the built-in schema (an index written before fields).
  /// @throws InvalidArgument when the stored text is not a schema
  static FieldSchema from_metadata(std::string_view stored);
  /// The text stored in the index metadata, slots included.
  std::string to_metadata() const;

  /// Adds the fields of `declared` this schema lacks, each with a new slot.
  /// @throws InvalidArgument when `declared` gives a field of this schema
  ///         another type (re-index to change a type); nothing is changed then
  void merge(const FieldSchema& declared);

  /// The field named `name`, or null.
  const FieldSpec* find(std::string_view name) const noexcept;
  /// Every field, in the order they were added.
  const std::vector<FieldSpec>& fields() const noexcept { return fields_; }

 private:
  void add(std::string name, FieldType type, bool builtin);
  std::vector<FieldSpec> fields_;
};

/// The boolean-term prefix of a keyword field: "XF", the name in capitals, ":"
/// (e.g. "XFSOURCE:"; the colon keeps "XFA:" and "XFAB:" apart and lets a
/// value begin with a capital).
std::string keyword_term_prefix(const FieldSpec& field);
/// The boolean term of one keyword value: keyword_term_prefix + the value.
std::string keyword_term(const FieldSpec& field, std::string_view value);
/// The term prefix of a text field's words: "XT", the name in capitals, ":".
std::string text_term_prefix(const FieldSpec& field);

/// Why `value` does not fit `field`'s type ("\"abc\" is not a number"), or
/// empty when it fits.
std::string check_field_value(const FieldSpec& field, std::string_view value);

/// A number as schema files and queries write it ("12", "-3.5", "1e3"), or nullopt.
std::optional<double> parse_field_number(std::string_view text) noexcept;

/// The seconds since the epoch (UTC) that a date or a period covers: its
/// first and last second.
struct DatePeriod {
  std::int64_t first = 0;  ///< the period's first second
  std::int64_t last = 0;   ///< its last second
};
/// An ISO 8601 date or date-time as a period: "2025" (the year), "2025-11"
/// (the month), "2025-11-03" (the day), "2025-11-03T10:30:00Z" or with an
/// offset ("+03:00") or fractional seconds (that second). nullopt when malformed.
std::optional<DatePeriod> parse_field_date(std::string_view text) noexcept;
/// `seconds` since the epoch as an ISO 8601 UTC date, e.g. "2025-11-03".
std::string format_field_date(std::int64_t seconds);

/// The value-slot content of a number or date (seconds since the epoch):
/// Xapian::sortable_serialise, which sorts as the numbers do.
std::string sortable_field_number(double value);
/// The number a sortable_field_number() holds.
double sortable_field_number_value(std::string_view encoded);

/// The value-slot content of a keyword field: its values joined by NUL
/// bytes (values hold no control characters), so that a facet counts each.
std::string join_keyword_values(const std::vector<std::string>& values);
/// The values of a join_keyword_values() text.
std::vector<std::string> split_keyword_values(std::string_view slot_value);

}  // namespace lisan
