// lisan: index and search Arabic, Indonesian and English text.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
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

}  // namespace lisan::cli

int main(int argc, char** argv) {
  CLI::App app{"lisan: multilingual full-text search (Arabic, Indonesian, English)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "lisan 0.1.0");
  const lisan::cli::Command commands[] = {
      lisan::cli::add_index_command(app), lisan::cli::add_search_command(app),
      lisan::cli::add_info_command(app),  lisan::cli::add_analyze_command(app),
      lisan::cli::add_serve_command(app),
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
