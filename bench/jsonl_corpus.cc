#include "jsonl_corpus.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace lisan::bench {
namespace {

std::string string_field(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

JsonlCorpus::JsonlCorpus(std::vector<std::string> paths) : paths_(std::move(paths)) {}

JsonlCorpus::~JsonlCorpus() {
  if (file_ != nullptr) gzclose(file_);
}

bool JsonlCorpus::open_next_file() {
  if (file_ != nullptr) {
    gzclose(file_);
    file_ = nullptr;
  }
  if (next_path_ >= paths_.size()) return false;
  const std::string& path = paths_[next_path_++];
  file_ = gzopen(path.c_str(), "rb");
  if (file_ == nullptr) throw std::runtime_error("cannot open corpus file " + path);
  gzbuffer(file_, 1 << 20);
  return true;
}

bool JsonlCorpus::read_line() {
  line_.clear();
  char chunk[1 << 16];
  for (;;) {
    if (file_ == nullptr && !open_next_file()) return !line_.empty();
    if (gzgets(file_, chunk, sizeof chunk) == nullptr) {
      if (!line_.empty()) return true;  // a last line without its newline
      if (!open_next_file()) return false;
      continue;
    }
    line_.append(chunk);
    if (!line_.empty() && line_.back() == '\n') {
      line_.pop_back();
      return true;
    }
  }
}

std::optional<CorpusRecord> JsonlCorpus::next() {
  while (read_line()) {
    if (line_.find_first_not_of(" \t\r") == std::string::npos) continue;
    const nlohmann::json object = nlohmann::json::parse(line_, nullptr, false);
    if (!object.is_object() || !object.contains("id") || !object["id"].is_string() ||
        !object.contains("text") || !object["text"].is_string()) {
      ++skipped_;
      continue;
    }
    CorpusRecord record;
    record.id = string_field(object, "id");
    record.lang = string_field(object, "lang");
    record.title = string_field(object, "title");
    record.text = string_field(object, "text");
    return record;
  }
  return std::nullopt;
}

}  // namespace lisan::bench
