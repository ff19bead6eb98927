#include "lisan/indexer/stored_document.h"

#include <nlohmann/json.hpp>

#include "lisan/analyzers/utf8.h"

namespace lisan {
namespace {

// Appends `value` as a JSON string exactly as nlohmann::json::dump (without
// ensure_ascii) writes it: the short escapes for " \\ \b \f \n \r \t,
// \u00xx (lowercase hex) for the other control characters, every other byte
// as it is. Requires: `value` is well-formed UTF-8.
void append_json_string(std::string& out, std::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(value.substr(run, i - run));
    run = i + 1;
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
}

bool all_well_formed(const StoredDocument& doc) noexcept {
  for (const std::string* field :
       {&doc.id, &doc.title, &doc.url, &doc.lang, &doc.source, &doc.text}) {
    if (count_invalid_utf8(*field) != 0) return false;
  }
  return true;
}

// nlohmann::json's own writer: it replaces ill-formed UTF-8 by U+FFFD.
std::string serialize_with_nlohmann(const StoredDocument& doc) {
  nlohmann::json object = {{"id", doc.id},     {"title", doc.title},   {"url", doc.url},
                           {"lang", doc.lang}, {"source", doc.source}, {"size", doc.size},
                           {"text", doc.text}};
  return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string string_field(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

// Written by hand, byte for byte what nlohmann::json writes for the same
// object (keys in sorted order), because building a json object copies every
// field, the text included, and its writer goes through the text a code
// point at a time: that was 3 % of a bulk load's instructions
// (docs/PERFORMANCE.md). Documents with ill-formed UTF-8 (a title or path
// taken from a file name; the text is repaired before) take nlohmann's
// writer, which replaces the bad bytes rather than throwing.
std::string serialize_document_data(const StoredDocument& doc) {
  if (!all_well_formed(doc)) return serialize_with_nlohmann(doc);
  std::string out;
  out.reserve(doc.text.size() + doc.title.size() + doc.id.size() + doc.url.size() +
              doc.source.size() + 96);
  out.append("{\"id\":");
  append_json_string(out, doc.id);
  out.append(",\"lang\":");
  append_json_string(out, doc.lang);
  out.append(",\"size\":").append(std::to_string(doc.size));
  out.append(",\"source\":");
  append_json_string(out, doc.source);
  out.append(",\"text\":");
  append_json_string(out, doc.text);
  out.append(",\"title\":");
  append_json_string(out, doc.title);
  out.append(",\"url\":");
  append_json_string(out, doc.url);
  out.push_back('}');
  return out;
}

StoredDocument parse_document_data(std::string_view data) {
  StoredDocument doc;
  nlohmann::json object = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (!object.is_object()) return doc;
  doc.id = string_field(object, "id");
  doc.title = string_field(object, "title");
  doc.url = string_field(object, "url");
  doc.lang = string_field(object, "lang");
  doc.source = string_field(object, "source");
  doc.text = string_field(object, "text");
  if (auto it = object.find("size"); it != object.end() && it->is_number_unsigned()) {
    doc.size = it->get<std::uint64_t>();
  }
  return doc;
}

}  // namespace lisan
