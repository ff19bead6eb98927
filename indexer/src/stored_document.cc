#include "lisan/indexer/stored_document.h"

#include <nlohmann/json.hpp>

namespace lisan {
namespace {

std::string string_field(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string serialize_document_data(const StoredDocument& doc) {
  nlohmann::json object = {{"id", doc.id},     {"title", doc.title},   {"url", doc.url},
                           {"lang", doc.lang}, {"source", doc.source}, {"size", doc.size},
                           {"text", doc.text}};
  // Replace rather than throw: the text was repaired already, but a title or
  // path taken from a file name may still hold ill-formed bytes.
  return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
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
