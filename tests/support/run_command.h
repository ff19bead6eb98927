// Running the real `lisan` binary (and other programs) from end-to-end tests.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace lisan::testing {

struct CommandResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;
  std::string err;
};

// Runs `argv` (argv[0] looked up in PATH, no shell), feeding `input` on stdin.
CommandResult run_program(const std::vector<std::string>& argv, const std::string& input = "");

// Runs `lisan` with `args` (no shell), feeding `input` on stdin.
CommandResult run_lisan(const std::vector<std::string>& args, const std::string& input = "");

// A `lisan` process running in the background, its stdout and stderr going
// to a file. The destructor kills (SIGKILL) and reaps it if still running.
class BackgroundLisan {
 public:
  BackgroundLisan(const std::vector<std::string>& args, const std::string& output_file);
  ~BackgroundLisan();
  BackgroundLisan(const BackgroundLisan&) = delete;
  BackgroundLisan& operator=(const BackgroundLisan&) = delete;

  void signal(int signal_number);
  // True while the process has not exited (reaps it when it has).
  bool running();
  // Waits for the end; the exit code, or 128 + signal when killed by one.
  int wait();

 private:
  pid_t pid_ = -1;
  int status_ = -1;  // set once reaped
};

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
std::string read_file(const std::string& path);

// True when `part` occurs in `text` (a command's output, a message).
inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace lisan::testing
