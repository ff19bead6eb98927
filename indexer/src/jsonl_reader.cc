#include "jsonl_reader.h"

#include <nlohmann/json.hpp>

#include "text_file.h"

namespace lisan::internal {
namespace {

JsonlRecord reject(std::uint64_t line, std::string why) {
  JsonlRecord record;
  record.line = line;
  record.error = std::move(why);
  return record;
}

// A JSON id may be a number in hand-made files; accept it as its text.
std::optional<std::string> id_of(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return value.dump();
  return std::nullopt;
}

}  // namespace

JsonlRecord parse_jsonl_line(std::string_view line, std::uint64_t line_number) {
  nlohmann::json object = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded()) return reject(line_number, "not valid JSON");
  if (!object.is_object()) return reject(line_number, "not a JSON object");
  auto id_it = object.find("id");
  if (id_it == object.end()) return reject(line_number, "missing \"id\"");
  std::optional<std::string> id = id_of(*id_it);
  if (!id || trim(*id).empty()) return reject(line_number, "\"id\" is not a non-empty string");
  auto text_it = object.find("text");
  if (text_it == object.end()) return reject(line_number, "missing \"text\"");
  if (!text_it->is_string()) return reject(line_number, "\"text\" is not a string");

  SourceDocument doc;
  doc.id = std::move(*id);
  doc.text = text_it->get<std::string>();
  for (auto [key, field] : {std::pair{"title", &doc.title}, std::pair{"url", &doc.url}}) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) continue;
    if (!it->is_string())
      return reject(line_number, std::string("\"") + key + "\" is not a string");
    *field = it->get<std::string>();
  }
  if (auto it = object.find("lang"); it != object.end() && !it->is_null()) {
    std::optional<Language> lang;
    if (it->is_string()) lang = parse_language(it->get<std::string>());
    if (!lang) return reject(line_number, "\"lang\" is not one of ar, id, en, und");
    doc.language = lang;
  }
  JsonlRecord record;
  record.line = line_number;
  record.document = std::move(doc);
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
    if (trim(buffer_).empty()) continue;
    return parse_jsonl_line(buffer_, line_);
  }
}

}  // namespace lisan::internal
