// The progress line `lisan index` draws on a terminal: files, MB, docs/s and
// an ETA, redrawn in place at most a few times a second.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "lisan/indexer/indexer.h"

namespace lisan::cli {

// How much input a run will look at, counted before it starts (for the ETA).
struct InputEstimate {
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;
};

// Counts the regular files and their bytes under `paths` with the walker's
// rules that are cheap to follow (hidden entries and symlinks are left out;
// .lisanignore is not read, so the count may be a little high). Standard
// input ("-") counts as nothing. Never throws.
InputEstimate estimate_input(const std::vector<std::string>& paths);

// Draws on standard error; use only when it is a terminal.
class ProgressBar {
 public:
  explicit ProgressBar(InputEstimate total);

  // Redraws when enough time has passed since the last drawing.
  void update(const IndexProgress& progress);
  // Erases the line, so that a message or the summary can be printed.
  void clear();

 private:
  InputEstimate total_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_draw_{};
  bool drawn_ = false;
};

// "1:05" or "2:03:04".
std::string format_duration(double seconds);

}  // namespace lisan::cli
