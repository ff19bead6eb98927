#include "lisan/format/fields.h"

#include <xapian.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "lisan/analyzers/error.h"

namespace lisan {
namespace {

constexpr std::size_t kMaxFieldNameBytes = 32;
// A keyword term is its prefix (at most 36 bytes) and the value, and Xapian
// stores terms of at most 245 bytes.
constexpr std::size_t kMaxKeywordBytes = 200;

// Names the query language or JSONL give a meaning of their own.
bool is_reserved_name(std::string_view name) {
  for (std::string_view reserved : {"lang", "title", "id", "text", "url", "deleted", "fields"}) {
    if (name == reserved) return true;
  }
  return false;
}

bool is_valid_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxFieldNameBytes) return false;
  if (name.front() < 'a' || name.front() > 'z') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string upper(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// Days from 1970-01-01 to the given civil date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
  year -= month <= 2;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

unsigned days_in_month(std::int64_t year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Reads exactly `digits` decimal digits at `at`; advances `at`.
std::optional<unsigned> read_digits(std::string_view text, std::size_t& at, std::size_t digits) {
  if (text.size() < at + digits) return std::nullopt;
  unsigned value = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    const char c = text[at + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  at += digits;
  return value;
}

// "T10:30", "T10:30:00", "T10:30:00.123", then "Z", "+03:00" or nothing:
// seconds into the day, UTC. nullopt when malformed.
std::optional<std::int64_t> parse_time_of_day(std::string_view text, std::size_t at) {
  if (at >= text.size() || (text[at] != 'T' && text[at] != ' ')) return std::nullopt;
  ++at;
  const auto hour = read_digits(text, at, 2);
  if (!hour || at >= text.size() || text[at++] != ':') return std::nullopt;
  const auto minute = read_digits(text, at, 2);
  std::optional<unsigned> second = 0u;
  if (at < text.size() && text[at] == ':') second = read_digits(text, ++at, 2);
  if (!minute || !second || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
  if (at < text.size() && text[at] == '.') {
    ++at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
  }
  std::int64_t offset = 0;
  if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    const int sign = text[at++] == '+' ? 1 : -1;
    const auto offset_hours = read_digits(text, at, 2);
    if (at < text.size() && text[at] == ':') ++at;
    const auto offset_minutes = read_digits(text, at, 2);
    if (!offset_hours || !offset_minutes) return std::nullopt;
    offset = sign * (*offset_hours * 3600 + *offset_minutes * 60);
  } else if (at < text.size() && text[at] == 'Z') {
    ++at;
  }
  if (at != text.size()) return std::nullopt;
  return std::int64_t{*hour} * 3600 + *minute * 60 + std::min(*second, 59u) - offset;
}

}  // namespace

std::string_view field_type_name(FieldType type) noexcept {
  switch (type) {
    case FieldType::kKeyword:
      return "keyword";
    case FieldType::kNumber:
      return "number";
    case FieldType::kDate:
      return "date";
    case FieldType::kText:
      return "text";
  }
  return "keyword";
}

std::optional<FieldType> parse_field_type(std::string_view name) noexcept {
  for (FieldType type :
       {FieldType::kKeyword, FieldType::kNumber, FieldType::kDate, FieldType::kText}) {
    if (field_type_name(type) == name) return type;
  }
  return std::nullopt;
}

FieldSchema::FieldSchema() {
  add("modified", FieldType::kDate, true);
  add("size", FieldType::kNumber, true);
  add("path", FieldType::kKeyword, true);
}

void FieldSchema::add(std::string name, FieldType type, bool builtin) {
  unsigned slot = 0;
  if (type != FieldType::kText) {
    slot = kFirstFieldSlot;
    for (const FieldSpec& field : fields_) slot = std::max(slot, field.slot + 1);
  }
  fields_.push_back({std::move(name), type, slot, builtin});
}

const FieldSpec* FieldSchema::find(std::string_view name) const noexcept {
  for (const FieldSpec& field : fields_) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

FieldSchema FieldSchema::parse(std::string_view json) {
  const nlohmann::json root = nlohmann::json::parse(json, nullptr, false);
  if (root.is_discarded()) throw InvalidArgument("schema: not valid JSON");
  if (!root.is_object() || !root.contains("fields") || !root["fields"].is_object()) {
    throw InvalidArgument(R"(schema: expected {"fields": {"name": "keyword", …}})");
  }
  FieldSchema declared;
  for (const auto& [name, type_value] : root["fields"].items()) {
    if (!is_valid_name(name) || is_reserved_name(name)) {
      throw InvalidArgument("schema: \"" + name +
                            "\" is not a field name (lowercase letters, digits and _, "
                            "starting with a letter, at most 32 bytes; not lang, title, id, "
                            "text, url, deleted or fields)");
    }
    const std::optional<FieldType> type =
        type_value.is_string() ? parse_field_type(type_value.get<std::string>()) : std::nullopt;
    if (!type) {
      throw InvalidArgument("schema: field \"" + name +
                            "\" has no known type (keyword, number, date or text)");
    }
    if (const FieldSpec* existing = declared.find(name)) {
      if (existing->type != *type) {
        throw InvalidArgument("schema: \"" + name + "\" is a built-in " +
                              std::string(field_type_name(existing->type)) + " field");
      }
      continue;
    }
    declared.add(name, *type, false);
  }
  return declared;
}

FieldSchema FieldSchema::from_metadata(std::string_view stored) {
  FieldSchema schema;
  if (stored.empty()) return schema;
  const nlohmann::json root = nlohmann::json::parse(stored, nullptr, false);
  const InvalidArgument unreadable("the index's field schema is not readable");
  if (!root.is_array()) throw unreadable;
  schema.fields_.clear();
  for (const nlohmann::json& entry : root) {
    // Whatever the metadata holds (it may be damaged): only well-typed
    // entries, and no field in lisan's own slots.
    static const nlohmann::json kMissing;
    auto member = [&entry](const char* key) -> const nlohmann::json& {
      const auto it = entry.find(key);
      return it == entry.end() ? kMissing : *it;
    };
    if (!entry.is_object() || !member("name").is_string() || !member("type").is_string() ||
        !member("slot").is_number_unsigned() || !member("builtin").is_boolean()) {
      throw unreadable;
    }
    const std::optional<FieldType> type = parse_field_type(member("type").get<std::string>());
    const std::string name = member("name").get<std::string>();
    const auto slot = member("slot").get<std::uint64_t>();
    if (!type || !is_valid_name(name) || schema.find(name) != nullptr ||
        (*type != FieldType::kText && (slot < kFirstFieldSlot || slot > (1u << 20)))) {
      throw unreadable;
    }
    schema.fields_.push_back(
        {name, *type, static_cast<unsigned>(slot), member("builtin").get<bool>()});
  }
  return schema;
}

std::string FieldSchema::to_metadata() const {
  nlohmann::json out = nlohmann::json::array();
  for (const FieldSpec& field : fields_) {
    out.push_back({{"name", field.name},
                   {"type", std::string(field_type_name(field.type))},
                   {"slot", field.slot},
                   {"builtin", field.builtin}});
  }
  return out.dump();
}

void FieldSchema::merge(const FieldSchema& declared) {
  for (const FieldSpec& field : declared.fields_) {
    const FieldSpec* existing = find(field.name);
    if (existing != nullptr && existing->type != field.type) {
      throw InvalidArgument(
          "field \"" + field.name + "\" is a " + std::string(field_type_name(existing->type)) +
          " field in this index and a " + std::string(field_type_name(field.type)) +
          " field in the schema given: re-index into a new index to change "
          "a field's type");
    }
  }
  for (const FieldSpec& field : declared.fields_) {
    if (find(field.name) == nullptr) add(field.name, field.type, field.builtin);
  }
}

std::string keyword_term_prefix(const FieldSpec& field) { return "XF" + upper(field.name) + ":"; }

std::string keyword_term(const FieldSpec& field, std::string_view value) {
  return keyword_term_prefix(field).append(value);
}

std::string text_term_prefix(const FieldSpec& field) { return "XT" + upper(field.name) + ":"; }

std::optional<double> parse_field_number(std::string_view text) noexcept {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<DatePeriod> parse_field_date(std::string_view text) noexcept {
  std::size_t at = 0;
  const auto year = read_digits(text, at, 4);
  if (!year) return std::nullopt;
  unsigned month = 1;
  unsigned day = 1;
  enum { kYear, kMonth, kDay } precision = kYear;
  if (at < text.size() && text[at] == '-') {
    const auto read_month = read_digits(text, ++at, 2);
    if (!read_month || *read_month < 1 || *read_month > 12) return std::nullopt;
    month = *read_month;
    precision = kMonth;
    if (at < text.size() && text[at] == '-') {
      const auto read_day = read_digits(text, ++at, 2);
      if (!read_day || *read_day < 1 || *read_day > days_in_month(*year, month)) {
        return std::nullopt;
      }
      day = *read_day;
      precision = kDay;
    }
  }
  const std::int64_t start = days_from_civil(*year, month, day) * 86400;
  if (at < text.size()) {
    if (precision != kDay) return std::nullopt;
    const std::optional<std::int64_t> time = parse_time_of_day(text, at);
    if (!time) return std::nullopt;
    return DatePeriod{start + *time, start + *time};
  }
  std::int64_t end = 0;
  if (precision == kYear) end = days_from_civil(*year + 1, 1, 1) * 86400;
  if (precision == kMonth) {
    end = month == 12 ? days_from_civil(*year + 1, 1, 1) * 86400
                      : days_from_civil(*year, month + 1, 1) * 86400;
  }
  if (precision == kDay) end = start + 86400;
  return DatePeriod{start, end - 1};
}

std::string format_field_date(std::int64_t seconds) {
  // Civil from days (Howard Hinnant's algorithm).
  const std::int64_t days = (seconds >= 0 ? seconds : seconds - 86399) / 86400 + 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto day_of_era = static_cast<unsigned>(days - era * 146097);
  const unsigned year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const unsigned day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned mp = (5 * day_of_year + 2) / 153;
  const unsigned day = day_of_year - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = static_cast<std::int64_t>(year_of_era) + era * 400 + (month <= 2);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", static_cast<long long>(year), month,
                day);
  return buffer;
}

std::string check_field_value(const FieldSpec& field, std::string_view value) {
  const std::string quoted = "\"" + std::string(value.substr(0, 64)) + "\"";
  switch (field.type) {
    case FieldType::kKeyword:
      if (value.empty()) return "an empty value";
      if (value.size() > kMaxKeywordBytes) return "a value longer than 200 bytes";
      if (std::any_of(value.begin(), value.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
        return "a value with control characters";
      }
      return {};
    case FieldType::kNumber:
      return parse_field_number(value) ? std::string() : quoted + " is not a number";
    case FieldType::kDate:
      return parse_field_date(value) ? std::string()
                                     : quoted +
                                           " is not an ISO 8601 date (2025-11-03, "
                                           "2025-11-03T10:30:00Z)";
    case FieldType::kText:
      return {};
  }
  return {};
}

std::string sortable_field_number(double value) { return Xapian::sortable_serialise(value); }

double sortable_field_number_value(std::string_view encoded) {
  return Xapian::sortable_unserialise(std::string(encoded));
}

std::string join_keyword_values(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& value : values) {
    if (!out.empty()) out.push_back('\0');
    out.append(value);
  }
  return out;
}

std::vector<std::string> split_keyword_values(std::string_view slot_value) {
  std::vector<std::string> values;
  if (slot_value.empty()) return values;
  std::size_t begin = 0;
  while (true) {
    const std::size_t end = slot_value.find('\0', begin);
    values.emplace_back(
        slot_value.substr(begin, end == std::string_view::npos ? end : end - begin));
    if (end == std::string_view::npos) break;
    begin = end + 1;
  }
  return values;
}

}  // namespace lisan
