// Reading a benchmark corpus: JSONL files ({"id","text","title"?,"lang"?}
// a line), plain or gzip-compressed (zlib reads both).
//
// Not thread-safe: one reader per thread.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lisan::bench {

struct CorpusRecord {
  std::string id;
  std::string lang;  // may be empty
  std::string title;
  std::string text;
};

class JsonlCorpus {
 public:
  // Throws std::runtime_error naming a file that cannot be opened.
  explicit JsonlCorpus(std::vector<std::string> paths);
  ~JsonlCorpus();
  JsonlCorpus(const JsonlCorpus&) = delete;
  JsonlCorpus& operator=(const JsonlCorpus&) = delete;

  // The next well-formed record, or nullopt after the last file. Lines that
  // are not JSON objects with string "id" and "text" are skipped and counted.
  std::optional<CorpusRecord> next();

  std::uint64_t skipped() const noexcept { return skipped_; }

 private:
  bool read_line();
  bool open_next_file();

  std::vector<std::string> paths_;
  std::size_t next_path_ = 0;
  gzFile file_ = nullptr;
  std::string line_;
  std::uint64_t skipped_ = 0;
};

}  // namespace lisan::bench
