#include <simdjson.h>

#include "lisan/analyzers/utf8.h"
#include "lisan/format/internal/json_parser.h"
#include "lisan/indexer/jsonl.h"
#include "text_file.h"

namespace lisan {
namespace {

using internal::release_large_json_parser;
using internal::thread_json_parser;
using internal::trim;

JsonlRecord reject(std::uint64_t line, std::string why) {
  JsonlRecord record;
  record.line = line;
  record.error = std::move(why);
  return record;
}

// A JSON id may be a number in hand-made files; accept it as its text.
std::optional<std::string> id_of(simdjson::dom::element value) {
  if (std::string_view text; value.get(text) == simdjson::SUCCESS) return std::string(text);
  if (std::int64_t number; value.get(number) == simdjson::SUCCESS) return std::to_string(number);
  if (std::uint64_t number; value.get(number) == simdjson::SUCCESS) return std::to_string(number);
  return std::nullopt;
}

// Editors on Windows begin UTF-8 files with a byte order mark; RFC 8259
// lets a JSON parser ignore it, and simdjson does not. Skipped at the start
// of every line, not only the first, so that files joined by `cat` keep theirs.
std::string_view without_byte_order_mark(std::string_view line) {
  constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
  if (line.starts_with(kUtf8Bom)) line.remove_prefix(kUtf8Bom.size());
  return line;
}

bool is_null(simdjson::dom::element value) {
  return value.type() == simdjson::dom::element_type::NULL_VALUE;
}

// A field value as text: a string as it is, a number as JSON writes it.
std::optional<std::string> field_value_text(simdjson::dom::element value) {
  if (std::string_view text; value.get(text) == simdjson::SUCCESS) return std::string(text);
  const auto type = value.type();
  if (type == simdjson::dom::element_type::INT64 || type == simdjson::dom::element_type::UINT64 ||
      type == simdjson::dom::element_type::DOUBLE) {
    return simdjson::minify(value);
  }
  return std::nullopt;
}

// One value or a list of them; false when one is neither a string nor a number.
bool read_field_values(simdjson::dom::element value, std::vector<std::string>& out) {
  if (simdjson::dom::array list; value.get(list) == simdjson::SUCCESS) {
    for (simdjson::dom::element item : list) {
      std::optional<std::string> text = field_value_text(item);
      if (!text) return false;
      out.push_back(std::move(*text));
    }
    return true;
  }
  std::optional<std::string> text = field_value_text(value);
  if (text) out.push_back(std::move(*text));
  return text.has_value();
}

// The "fields" object into `doc.fields`; a value of another JSON type is
// reported in `record` and dropped. False when "fields" is not an object.
bool read_fields(simdjson::dom::object object, SourceDocument& doc, JsonlRecord& record) {
  simdjson::dom::element fields_value;
  if (object.at_key("fields").get(fields_value) != simdjson::SUCCESS || is_null(fields_value)) {
    return true;
  }
  simdjson::dom::object fields;
  if (fields_value.get(fields) != simdjson::SUCCESS) return false;
  for (auto [name, value] : fields) {
    if (is_null(value)) continue;
    std::vector<std::string> values;
    if (!read_field_values(value, values)) {
      record.field_problems.push_back("field \"" + std::string(name) +
                                      "\": not a string, a number or a list of them");
      continue;
    }
    if (!values.empty()) doc.fields[std::string(name)] = std::move(values);
  }
  return true;
}

// The top-level keys lisan does not read.
std::vector<std::string> other_keys_of(simdjson::dom::object object) {
  std::vector<std::string> keys;
  for (auto [key, value] : object) {
    bool known = false;
    for (std::string_view k : {"id", "text", "title", "url", "lang", "fields", "deleted"}) {
      known = known || key == k;
    }
    if (!known) keys.emplace_back(key);
  }
  return keys;
}

// {"id": …, "deleted": true}: true; "deleted" false or absent: false.
std::optional<bool> deleted_flag(simdjson::dom::object object) {
  simdjson::dom::element value;
  if (object.at_key("deleted").get(value) != simdjson::SUCCESS || is_null(value)) return false;
  bool flag = false;
  if (value.get(flag) != simdjson::SUCCESS) return std::nullopt;
  return flag;
}

// simdjson parses a line several times faster than a general JSON library
// building a tree of its own (re-indexing an unchanged JSONL corpus is mostly
// parsing, docs/PERFORMANCE.md), and validates the whole line, UTF-8
// included, as strictly.
// `repair`: on invalid UTF-8, parse the line again with it repaired (once).
JsonlRecord parse_object(std::string_view line, std::uint64_t line_number, bool repair = true) {
  simdjson::dom::element root;
  if (const simdjson::error_code error =
          thread_json_parser().parse(line.data(), line.size()).get(root);
      error != simdjson::SUCCESS) {
    if (error != simdjson::UTF8_ERROR || !repair) return reject(line_number, "not valid JSON");
    // A text with a few bad bytes is repaired, not lost, as in text files;
    // the bytes can only be inside strings for the line to be JSON at all.
    std::size_t repaired = 0;
    const std::string valid = repair_utf8(line, &repaired);
    JsonlRecord record = parse_object(valid, line_number, false);
    record.repaired_utf8 = repaired;
    return record;
  }
  simdjson::dom::object object;
  if (root.get(object) != simdjson::SUCCESS) return reject(line_number, "not a JSON object");
  simdjson::dom::element id_value;
  if (object.at_key("id").get(id_value) != simdjson::SUCCESS) {
    return reject(line_number, "missing \"id\"");
  }
  std::optional<std::string> id = id_of(id_value);
  if (!id || trim(*id).empty()) return reject(line_number, "\"id\" is not a non-empty string");
  const std::optional<bool> deleted = deleted_flag(object);
  if (!deleted) return reject(line_number, "\"deleted\" is not true or false");
  if (*deleted) {
    JsonlRecord record;
    record.line = line_number;
    record.deleted = true;
    record.document.emplace().id = std::move(*id);
    return record;
  }
  simdjson::dom::element text_value;
  if (object.at_key("text").get(text_value) != simdjson::SUCCESS) {
    return reject(line_number, "missing \"text\"");
  }
  std::string_view text;
  if (text_value.get(text) != simdjson::SUCCESS) {
    return reject(line_number, "\"text\" is not a string");
  }

  SourceDocument doc;
  doc.id = std::move(*id);
  doc.text = std::string(text);
  for (auto [key, field] : {std::pair{"title", &doc.title}, std::pair{"url", &doc.url}}) {
    simdjson::dom::element value;
    if (object.at_key(key).get(value) != simdjson::SUCCESS || is_null(value)) continue;
    std::string_view string;
    if (value.get(string) != simdjson::SUCCESS) {
      return reject(line_number, std::string("\"") + key + "\" is not a string");
    }
    *field = std::string(string);
  }
  if (simdjson::dom::element value;
      object.at_key("lang").get(value) == simdjson::SUCCESS && !is_null(value)) {
    std::optional<Language> lang;
    if (std::string_view code; value.get(code) == simdjson::SUCCESS) lang = parse_language(code);
    if (!lang) return reject(line_number, "\"lang\" is not one of ar, id, en, und");
    doc.language = lang;
  }
  JsonlRecord record;
  record.line = line_number;
  if (!read_fields(object, doc, record)) {
    return reject(line_number, "\"fields\" is not an object ({\"name\": value, …})");
  }
  record.other_keys = other_keys_of(object);
  record.document = std::move(doc);
  return record;
}

}  // namespace

JsonlRecord parse_jsonl_line(std::string_view line, std::uint64_t line_number) {
  JsonlRecord record = parse_object(without_byte_order_mark(line), line_number);
  release_large_json_parser();
  return record;
}

JsonlReader::JsonlReader(std::istream& in, std::uint64_t max_line_bytes)
    : in_(in), max_line_bytes_(max_line_bytes) {}

std::optional<JsonlRecord> JsonlReader::next() {
  while (true) {
    buffer_.clear();
    // Read by chunks so that an overlong line is measured, not stored whole.
    bool too_long = false;
    bool got_any = false;
    char chunk[64 * 1024];
    while (in_.getline(chunk, sizeof chunk) || in_.gcount() > 0) {
      got_any = true;
      const auto count = static_cast<std::size_t>(in_.gcount());
      const bool chunk_full = in_.fail() && !in_.eof();
      const bool at_end = in_.eof();
      // gcount() counts the newline when one was extracted.
      const std::size_t length = (chunk_full || at_end) ? count : count - 1;
      if (buffer_.size() + length > max_line_bytes_) {
        too_long = true;
        buffer_.clear();
      } else if (!too_long) {
        buffer_.append(chunk, length);
      }
      if (!chunk_full) break;
      in_.clear();  // the line goes on past this chunk
    }
    if (!got_any) return std::nullopt;
    ++line_;
    if (too_long) return reject(line_, "line longer than the size limit");
    const std::string_view line = without_byte_order_mark(buffer_);
    if (trim(line).empty()) continue;
    return parse_jsonl_line(line, line_);
  }
}

}  // namespace lisan
