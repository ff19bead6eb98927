#include "jsonl_corpus.h"

#include <stdexcept>

#include "jsonl_reader.h"

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

std::optional<CorpusRecord> JsonlCorpus::next() {
  while (read_line()) {
    if (line_.find_first_not_of(" \t\r") == std::string::npos) continue;
    // The indexer's own parser: the benchmark reads as `lisan index` does.
    internal::JsonlRecord parsed = internal::parse_jsonl_line(line_, ++line_number_);
    if (!parsed.document) {
      ++skipped_;
      continue;
    }
    SourceDocument& doc = *parsed.document;
    CorpusRecord record;
    record.id = std::move(doc.id);
    if (doc.language) record.lang = std::string(language_code(*doc.language));
    record.title = std::move(doc.title);
    record.text = std::move(doc.text);
    return record;
  }
  return std::nullopt;
}

}  // namespace lisan::bench
