// Servers started by tests (lisan serve, xapian-tcpsrv): spawned without a
// shell, always stopped by the destructor, on 127.0.0.1 only.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lisan::testing {

class BackgroundProcess {
 public:
  // Starts argv[0] (a path) with its standard output on a pipe this object
  // reads; standard error is the test's own.
  explicit BackgroundProcess(const std::vector<std::string>& argv);
  ~BackgroundProcess();  // SIGTERM, then SIGKILL if it does not end in 10 s
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  // The next line of its standard output, or nullopt at end of output or
  // after `timeout`.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout);

  // Sends `signal` and waits up to `timeout` for the process to end; its exit
  // code, -signal when killed by a signal, nullopt when still running.
  std::optional<int> stop(int signal, std::chrono::milliseconds timeout);

  bool running();
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string buffered_;
  std::optional<int> exit_code_;
};

// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, read
// back, released). A server given it may still lose a race: callers retry.
int free_loopback_port();

// True once a TCP connection to 127.0.0.1:`port` succeeds, false after `timeout`.
bool wait_for_port(int port, std::chrono::milliseconds timeout);

// Starts `lisan serve --listen 127.0.0.1:0` with `args` and returns it with
// the port it announced in `port`; nullptr when it announced none in 30 s.
// Unless `args` sets --query-time-limit, searches may take 60 s: the server's
// own 2 s bound is what some tests check, and the others must not fail
// because a loaded or sanitized build is slow.
std::unique_ptr<BackgroundProcess> start_server(const std::vector<std::string>& args, int& port);

}  // namespace lisan::testing
