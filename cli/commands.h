// The subcommands of `lisan`. Each registers its options on the app and
// returns the function that runs it (returning the process exit code).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace lisan::cli {

struct Command {
  CLI::App* app;             // the subcommand, to ask whether it was chosen
  std::function<int()> run;  // runs it; returns the exit code
};

Command add_analyze_command(CLI::App& app);
Command add_index_command(CLI::App& app);
Command add_search_command(CLI::App& app);
Command add_info_command(CLI::App& app);
Command add_serve_command(CLI::App& app);

// Where the index lives when --db is not given: $LISAN_DB, else ./lisan-index.
std::string default_db_path();

// Refuses an empty --db (a usage error), which would otherwise name no
// folder in the errors that follow.
inline const CLI::Validator kIndexPath(
    [](std::string& path) {
      return path.empty() ? std::string("the index path must not be empty") : std::string();
    },
    "PATH");

// True when stdout is a terminal and NO_COLOR is unset.
bool stdout_wants_color();

}  // namespace lisan::cli
