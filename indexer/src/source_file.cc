#include "source_file.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <utility>

namespace lisan::internal {
namespace {

Skip unreadable(int error) {
  return {"cannot read: " + std::string(std::strerror(error)) + "; skipped",
          error == ELOOP ? SkipReason::kSymlinkLoop : SkipReason::kUnreadable};
}

}  // namespace

std::variant<FileFacts, Skip> examine_file(const std::string& source, std::uint64_t max_bytes) {
  struct stat info {};
  if (::stat(source.c_str(), &info) != 0) return unreadable(errno);
  if (!S_ISREG(info.st_mode))
    return Skip{"not a regular file; skipped", SkipReason::kNotRegularFile};
  const auto size = static_cast<std::uint64_t>(info.st_size);
  if (size > max_bytes) {
    return Skip{"larger than --max-size (" + std::to_string(size) + " > " +
                    std::to_string(max_bytes) + " bytes); skipped",
                SkipReason::kTooLarge};
  }
  return FileFacts{size, static_cast<std::int64_t>(info.st_mtime)};
}

std::variant<std::string, Skip> read_file_bytes(const std::string& source, std::uint64_t size,
                                                const HeadCheck& check_head) {
  std::ifstream in(source, std::ios::binary);
  constexpr std::uint64_t kHeadBytes = 64 * 1024;
  const std::uint64_t head = std::min(size, kHeadBytes);
  std::string raw(head, '\0');
  if (!in || !in.read(raw.data(), static_cast<std::streamsize>(head))) {
    return Skip{"cannot read: " + std::string(std::strerror(errno)) + "; skipped",
                SkipReason::kUnreadable};
  }
  // A file no longer than its head is read already: the readers decide.
  if (size > head) {
    if (std::optional<Skip> skip = check_head(raw)) return std::move(*skip);
  }
  raw.resize(size);
  if (size > head && !in.read(raw.data() + head, static_cast<std::streamsize>(size - head))) {
    return Skip{"cannot read: " + std::string(std::strerror(errno)) + "; skipped",
                SkipReason::kUnreadable};
  }
  return raw;
}

}  // namespace lisan::internal
