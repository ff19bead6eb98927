#include "lisan/format/stored_document.h"

#include <simdjson.h>

#include <nlohmann/json.hpp>

#include "lisan/format/internal/json_parser.h"

namespace lisan {
namespace {

// Length of the well-formed UTF-8 sequence that starts `text` at `at` with
// the non-ASCII byte `lead`, or 0 when it is ill-formed (Unicode Table 3-7:
// no overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t utf8_sequence_length(std::string_view text, std::size_t at, unsigned char lead) {
  auto byte = [&](std::size_t offset) {
    return at + offset < text.size() ? static_cast<unsigned char>(text[at + offset]) : 0u;
  };
  auto in = [](unsigned b, unsigned low, unsigned high) { return b >= low && b <= high; };
  if (in(lead, 0xC2, 0xDF)) return in(byte(1), 0x80, 0xBF) ? 2 : 0;
  if (in(lead, 0xE0, 0xEF)) {
    const unsigned low = lead == 0xE0 ? 0xA0 : 0x80;
    const unsigned high = lead == 0xED ? 0x9F : 0xBF;
    return in(byte(1), low, high) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
  }
  if (in(lead, 0xF0, 0xF4)) {
    const unsigned low = lead == 0xF0 ? 0x90 : 0x80;
    const unsigned high = lead == 0xF4 ? 0x8F : 0xBF;
    return in(byte(1), low, high) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

// Appends `value` as a JSON string exactly as nlohmann::json::dump (without
// ensure_ascii) writes well-formed UTF-8: the short escapes for " \\ \b \f
// \n \r \t, \u00xx (lowercase hex) for the other control characters, every
// other byte as it is. Returns false, with `out` partly written, at the first
// ill-formed sequence: validating here saves a second pass over the text.
bool append_json_string(std::string& out, std::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < value.size();) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c >= 0x80) {
      const std::size_t length = utf8_sequence_length(value, i, c);
      if (length == 0) return false;
      i += length;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out.append(value.substr(run, i - run));
    run = ++i;
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\b':
        out.append("\\b");
        break;
      case '\f':
        out.append("\\f");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      default:
        out.append("\\u00");
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xf]);
    }
  }
  out.append(value.substr(run));
  out.push_back('"');
  return true;
}

// nlohmann::json's own writer: it replaces ill-formed UTF-8 by U+FFFD.
std::string serialize_with_nlohmann(const StoredDocument& doc) {
  nlohmann::json object = {{"id", doc.id},     {"title", doc.title},   {"url", doc.url},
                           {"lang", doc.lang}, {"source", doc.source}, {"size", doc.size},
                           {"text", doc.text}};
  if (!doc.fields.empty()) object["fields"] = doc.fields;
  return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Writes {"fields":{"name":["value",…],…} (the object left open for the
// keys after it), nothing when there are no fields; false at ill-formed UTF-8.
bool append_fields(std::string& out, const FieldValues& fields) {
  if (fields.empty()) return true;
  out.append("{\"fields\":{");
  bool first_field = true;
  for (const auto& [name, values] : fields) {
    if (!first_field) out.push_back(',');
    first_field = false;
    if (!append_json_string(out, name)) return false;
    out.append(":[");
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out.push_back(',');
      if (!append_json_string(out, values[i])) return false;
    }
    out.push_back(']');
  }
  out.push_back('}');
  return true;
}

FieldValues fields_of(simdjson::dom::object object) {
  FieldValues fields;
  simdjson::dom::object stored;
  if (object.at_key("fields").get(stored) != simdjson::SUCCESS) return fields;
  for (auto [name, values] : stored) {
    simdjson::dom::array list;
    if (values.get(list) != simdjson::SUCCESS) continue;
    std::vector<std::string>& out = fields[std::string(name)];
    for (simdjson::dom::element value : list) {
      if (std::string_view text; value.get(text) == simdjson::SUCCESS) out.emplace_back(text);
    }
  }
  return fields;
}

std::string string_field(simdjson::dom::object object, const char* key) {
  std::string_view value;
  if (object.at_key(key).get(value) != simdjson::SUCCESS) return {};
  return std::string(value);
}

}  // namespace

// Written by hand, byte for byte what nlohmann::json writes for the same
// object (keys in sorted order), because building a json object copies every
// field, the text included, and its writer goes through the text a code
// point at a time (1.5 % of a bulk load's instructions, docs/PERFORMANCE.md).
// A document with ill-formed UTF-8 (a title or path taken from a file name;
// the text is repaired before) takes nlohmann's writer, which replaces the
// bad bytes rather than throwing.
std::string serialize_document_data(const StoredDocument& doc) {
  std::string out;
  out.reserve(doc.text.size() + doc.title.size() + doc.id.size() + doc.url.size() +
              doc.source.size() + 96);
  bool well_formed = append_fields(out, doc.fields);
  out.append(doc.fields.empty() ? "{\"id\":" : ",\"id\":");
  well_formed = well_formed && append_json_string(out, doc.id);
  out.append(",\"lang\":");
  well_formed = well_formed && append_json_string(out, doc.lang);
  out.append(",\"size\":").append(std::to_string(doc.size));
  out.append(",\"source\":");
  well_formed = well_formed && append_json_string(out, doc.source);
  out.append(",\"text\":");
  well_formed = well_formed && append_json_string(out, doc.text);
  out.append(",\"title\":");
  well_formed = well_formed && append_json_string(out, doc.title);
  out.append(",\"url\":");
  well_formed = well_formed && append_json_string(out, doc.url);
  if (!well_formed) return serialize_with_nlohmann(doc);
  out.push_back('}');
  return out;
}

// Read for every hit a search shows, so with simdjson: the stored text of a
// long document (a regulation of 100 KB) parsed with a tree-building JSON
// library was a large part of a query's time (docs/PERFORMANCE.md).
StoredDocument parse_document_data(std::string_view data) {
  StoredDocument doc;
  simdjson::dom::object object;
  if (internal::thread_json_parser().parse(data.data(), data.size()).get(object) ==
      simdjson::SUCCESS) {
    doc.id = string_field(object, "id");
    doc.title = string_field(object, "title");
    doc.url = string_field(object, "url");
    doc.lang = string_field(object, "lang");
    doc.source = string_field(object, "source");
    doc.text = string_field(object, "text");
    doc.fields = fields_of(object);
    if (std::uint64_t size; object.at_key("size").get(size) == simdjson::SUCCESS) doc.size = size;
  }
  // Also after a failed parse, which may have grown the buffers as much.
  internal::release_large_json_parser();
  return doc;
}

}  // namespace lisan
