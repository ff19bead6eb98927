// lisan: index and search Arabic, Indonesian and English text.
#include <unistd.h>
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "commands.h"
#include "lisan/analyzers/error.h"
#include "terminal_text.h"

namespace lisan::cli {

std::string default_db_path() {
  const char* env = std::getenv("LISAN_DB");
  return env != nullptr && *env != '\0' ? env : "lisan-index";
}

bool stdout_wants_color() {
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) != 0 && (no_color == nullptr || *no_color == '\0');
}

namespace {

// Xapian 1.4 ends the process through std::terminate when some of its writes
// fail inside WritableDatabase::commit (found by tests/e2e/fault_injection_test:
// a failed write or fsync at certain points of a commit). The index is then
// where a kill -9 would leave it, at its last commit, which is always safe;
// what lisan owes the user is a message that says so instead of "Aborted".
[[noreturn]] void report_termination() {
  std::string cause = "an error it could not recover from";
  if (const std::exception_ptr error = std::current_exception()) {
    try {
      std::rethrow_exception(error);
    } catch (const Xapian::Error& e) {
      cause = e.get_description();
    } catch (const std::exception& e) {
      cause = e.what();
    } catch (...) {
    }
  }
  const std::string message =
      "lisan: stopped: the Xapian library gave up (" + terminal_safe(cause) +
      "); an index being written stays at its last commit: free space or fix the disk, "
      "then run the same command again\n";
  std::fputs(message.c_str(), stderr);
  std::_Exit(1);
}

}  // namespace
}  // namespace lisan::cli

int main(int argc, char** argv) {
  std::set_terminate(lisan::cli::report_termination);
  CLI::App app{"lisan: multilingual full-text search (Arabic, Indonesian, English)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "lisan 0.1.0");
  const lisan::cli::Command commands[] = {
      lisan::cli::add_index_command(app), lisan::cli::add_search_command(app),
      lisan::cli::add_info_command(app),  lisan::cli::add_analyze_command(app),
      lisan::cli::add_serve_command(app), lisan::cli::add_delete_command(app),
  };
  try {
    const std::vector<std::string> args =
        lisan::cli::arrange_arguments(app, std::vector<std::string>(argv + 1, argv + argc));
    std::vector<const char*> arranged = {argv[0]};
    for (const std::string& arg : args) arranged.push_back(arg.c_str());
    app.parse(static_cast<int>(arranged.size()), arranged.data());
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    // CLI11 returns 0 for --help/--version; every real usage error is 2.
    return code == 0 ? 0 : 2;
  }
  try {
    for (const lisan::cli::Command& command : commands) {
      if (command.app->parsed()) return command.run();
    }
    return 2;
  } catch (const std::bad_alloc&) {
    // Under a memory limit (ulimit -v, a container's), not a crash: the
    // index is at its last commit, as after any error.
    std::cerr << "lisan: out of memory (see the limits in docs/RELIABILITY.md: --max-size, "
                 "--memory)\n";
    return 1;
  } catch (const lisan::InvalidArgument& e) {
    std::cerr << "lisan: " << lisan::cli::terminal_safe(e.what()) << '\n';
    return 2;
  } catch (const std::exception& e) {
    // Messages quote index metadata, paths and Xapian's text as they are.
    std::cerr << "lisan: " << lisan::cli::terminal_safe(e.what()) << '\n';
    return 1;
  }
}
