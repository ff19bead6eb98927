#include "field_values.h"

#include <ctime>

namespace lisan::internal {
namespace {

// Why `values` do not fit `field`, or empty.
std::string check_values(const FieldSpec& field, const std::vector<std::string>& values) {
  if (values.size() > 1 && (field.type == FieldType::kNumber || field.type == FieldType::kDate)) {
    return "a " + std::string(field_type_name(field.type)) + " field takes one value, not a list";
  }
  for (const std::string& value : values) {
    if (std::string why = check_field_value(field, value); !why.empty()) return why;
  }
  return {};
}

std::string joined_text(const std::vector<std::string>& values) {
  std::string text;
  for (const std::string& value : values) {
    if (!text.empty()) text.push_back('\n');
    text.append(value);
  }
  return text;
}

void prepare_field(const FieldSpec& field, const std::vector<std::string>& values,
                   PreparedFields& out) {
  switch (field.type) {
    case FieldType::kKeyword:
      for (const std::string& value : values)
        out.boolean_terms.push_back(keyword_term(field, value));
      out.values.emplace_back(field.slot, join_keyword_values(values));
      return;
    case FieldType::kNumber:
      out.values.emplace_back(
          field.slot, sortable_field_number(parse_field_number(values.front()).value_or(0)));
      return;
    case FieldType::kDate: {
      const auto period = parse_field_date(values.front());
      out.values.emplace_back(
          field.slot, sortable_field_number(static_cast<double>(period ? period->first : 0)));
      return;
    }
    case FieldType::kText:
      out.texts.emplace_back(text_term_prefix(field), joined_text(values));
      return;
  }
}

std::string utc_date_time(std::int64_t seconds) {
  const std::time_t time = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&time, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

}  // namespace

void prepare_fields(const FieldSchema& schema, const FieldValues& given, FieldValues& kept,
                    PreparedFields& out, const std::function<void(std::string)>& dropped) {
  for (const auto& [name, values] : given) {
    if (values.empty()) continue;
    const FieldSpec* field = schema.find(name);
    if (field == nullptr) {
      dropped("field \"" + name +
              "\" is not in the index's schema (declare it with lisan index --schema); "
              "field dropped");
      continue;
    }
    if (std::string why = check_values(*field, values); !why.empty()) {
      dropped("field \"" + name + "\": " + why + "; field dropped");
      continue;
    }
    prepare_field(*field, values, out);
    kept[name] = values;
  }
}

FieldValues file_fields(const std::string& id, std::int64_t mtime, std::uint64_t size) {
  FieldValues fields;
  fields["modified"] = {utc_date_time(mtime)};
  fields["size"] = {std::to_string(size)};
  std::vector<std::string> folders;
  for (std::size_t slash = id.find('/'); slash != std::string::npos;
       slash = id.find('/', slash + 1)) {
    if (slash > 0) folders.push_back(id.substr(0, slash));
  }
  if (!folders.empty()) fields["path"] = std::move(folders);
  return fields;
}

}  // namespace lisan::internal
