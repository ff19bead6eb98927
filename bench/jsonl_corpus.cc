#include "jsonl_corpus.h"

#include <stdexcept>

#include "lisan/format/internal/json_parser.h"

namespace lisan::bench {

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

namespace {

// A string member of `object`, or nullopt when it is missing, null or not a string.
std::optional<std::string> string_member(simdjson::dom::object object, const char* key) {
  std::string_view value;
  if (object.at_key(key).get(value) != simdjson::SUCCESS) return std::nullopt;
  return std::string(value);
}

// The record of one line, with the same simdjson parser as the indexer's JSONL
// reader (the benchmarks' own parsing costs what `lisan index`'s does); null
// when the line is not an object with a string "id" and "text".
std::optional<CorpusRecord> parse_record(const std::string& line) {
  simdjson::dom::object object;
  if (internal::thread_json_parser().parse(line).get(object) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  std::optional<std::string> id = string_member(object, "id");
  std::optional<std::string> text = string_member(object, "text");
  if (!id || id->empty() || !text) return std::nullopt;
  CorpusRecord record;
  record.id = std::move(*id);
  record.text = std::move(*text);
  record.title = string_member(object, "title").value_or("");
  record.lang = string_member(object, "lang").value_or("");
  return record;
}

}  // namespace

std::optional<CorpusRecord> JsonlCorpus::next() {
  while (read_line()) {
    if (line_.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (std::optional<CorpusRecord> record = parse_record(line_)) return record;
    ++skipped_;
  }
  return std::nullopt;
}

}  // namespace lisan::bench
