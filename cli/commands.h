// The subcommands of `lisan`. Each registers its options on the app and
// returns the function that runs it (returning the process exit code).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

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
Command add_delete_command(CLI::App& app);

// `args` (the program's arguments, without its name) in the order CLI11 is
// to read them. For `lisan search`, once the query has begun a word starting
// with "-" is a query word (`perjanjian -bilateral`, typed unquoted), while
// the options of `search` keep their meaning wherever they are; other
// commands' arguments are returned as they are.
std::vector<std::string> arrange_arguments(const CLI::App& app, std::vector<std::string> args);

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
