// Running the real `lisan` binary from end-to-end tests.
#pragma once

#include <string>
#include <vector>

namespace lisan::testing {

struct CommandResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;
  std::string err;
};

// Runs `lisan` with `args` (no shell), feeding `input` on stdin.
CommandResult run_lisan(const std::vector<std::string>& args, const std::string& input = "");

// A fresh temporary folder, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

void write_file(const std::string& path, const std::string& content);

}  // namespace lisan::testing
