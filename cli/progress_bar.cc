#include "progress_bar.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace fs = std::filesystem;

namespace lisan::cli {
namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(200);
constexpr int kBarWidth = 20;

void count_file(const fs::directory_entry& entry, InputEstimate& total) {
  std::error_code error;
  if (!entry.is_regular_file(error)) return;
  ++total.files;
  total.bytes += entry.file_size(error);
}

}  // namespace

InputEstimate estimate_input(const std::vector<std::string>& paths) {
  InputEstimate total;
  for (const std::string& path : paths) {
    if (path == "-") continue;
    std::error_code error;
    const fs::directory_entry top(path, error);
    if (error) continue;
    if (!top.is_directory(error)) {
      count_file(top, total);
      continue;
    }
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, error);
    for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      if (it->path().filename().string().starts_with('.')) {
        it.disable_recursion_pending();
        continue;
      }
      if (!it->is_symlink(error)) count_file(*it, total);
    }
  }
  return total;
}

std::string format_duration(double seconds) {
  const auto total = static_cast<long long>(std::max(0.0, seconds) + 0.5);
  char buffer[32];
  if (total >= 3600) {
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60,
                  total % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld", total / 60, total % 60);
  }
  return buffer;
}

ProgressBar::ProgressBar(InputEstimate total) : total_(total) {}

void ProgressBar::update(const IndexProgress& progress) {
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  drawn_ = true;
  const double elapsed = std::chrono::duration<double>(now - started_).count();
  // Files measure folders of many files; bytes measure one large JSONL file.
  double done = 0;
  if (total_.files > 0) done = static_cast<double>(progress.files) / total_.files;
  if (total_.bytes > 0) done = std::max(done, static_cast<double>(progress.bytes) / total_.bytes);
  done = std::min(done, 1.0);
  const int filled = static_cast<int>(done * kBarWidth);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.append(static_cast<std::size_t>(kBarWidth - filled), '.');
  const double docs_per_second = elapsed > 0 ? progress.documents / elapsed : 0;
  std::string eta = "--:--";
  if (done > 0.001 && total_.files > 0) eta = format_duration(elapsed * (1 - done) / done);
  std::fprintf(stderr, "\r\x1b[K[%s] %llu/%llu files  %.1f/%.1f MB  %.0f docs/s  ETA %s",
               bar.c_str(), static_cast<unsigned long long>(progress.files),
               static_cast<unsigned long long>(total_.files), progress.bytes / 1e6,
               total_.bytes / 1e6, docs_per_second, eta.c_str());
  std::fflush(stderr);
}

void ProgressBar::clear() {
  if (!drawn_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace lisan::cli
