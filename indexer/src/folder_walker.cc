#include "folder_walker.h"

#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

namespace fs = std::filesystem;

namespace lisan::internal {
namespace {

// A folder may list names not to index (shell patterns, one a line, `#`
// comments), like .gitignore: corpus/ keeps its README out of the index so.
constexpr const char* kIgnoreFile = ".lisanignore";

std::vector<std::string> read_ignore_file(const fs::path& path) {
  std::vector<std::string> patterns;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty() && line.front() != '#') patterns.push_back(line);
  }
  return patterns;
}

bool is_ignored(const std::string& name, const std::vector<std::string>& ignored) {
  return std::any_of(ignored.begin(), ignored.end(), [&](const std::string& pattern) {
    return fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
  });
}

// Says why a symbolic link cannot be followed: broken and looping links
// are the user's to fix. Empty when its target exists.
std::string broken_symlink_message(const fs::path& link) {
  struct stat target {};
  if (::stat(link.c_str(), &target) == 0) return {};
  const int error = errno;
  if (error == ELOOP) return "symbolic link loop; skipped";
  if (error == ENOENT) return "broken symbolic link (its target is missing); skipped";
  return "symbolic link to an unreadable target (" + std::string(std::strerror(error)) +
         "); skipped";
}

}  // namespace

bool is_within(const fs::path& path, const fs::path& folder) {
  const auto [folder_end, unused] =
      std::mismatch(folder.begin(), folder.end(), path.begin(), path.end());
  return folder_end == folder.end();
}

void FolderWalker::walk(const fs::path& root) {
  std::error_code error;
  canonical_root_ = fs::canonical(root, error);
  walk_folder(root, root);
}

void FolderWalker::walk_folder(const fs::path& root, const fs::path& folder) {
  std::error_code error;
  fs::directory_iterator it(folder, error);
  if (error) {
    handlers_.problem(folder.string(), "cannot list folder: " + error.message() + "; skipped",
                      SkipReason::kUnreadable);
    return;
  }
  // Sorted, so that ids and document order do not depend on the file system.
  std::vector<fs::directory_entry> entries;
  for (; it != fs::directory_iterator(); it.increment(error)) {
    if (error) break;
    entries.push_back(*it);
  }
  std::sort(entries.begin(), entries.end());
  const std::vector<std::string> ignored = read_ignore_file(folder / kIgnoreFile);
  for (const fs::directory_entry& entry : entries) {
    if (handlers_.stop()) return;
    const std::string name = entry.path().filename().string();
    // Hidden entries (.git, editor files) are never documents.
    if (name.starts_with('.') || is_ignored(name, ignored)) continue;
    visit_entry(root, entry);
  }
}

void FolderWalker::visit_entry(const fs::path& root, const fs::directory_entry& entry) {
  const fs::path& path = entry.path();
  std::error_code status_error;
  if (entry.is_symlink(status_error)) {
    visit_symlink(root, path);
    return;
  }
  // Out of the folder, through a followed link: each file and folder once,
  // whichever links lead to it.
  if (following_ > 0 && !first_visit(path)) {
    handlers_.passed_over(path.string(), "reached already through another symbolic link; skipped",
                          SkipReason::kSymlinkLoop);
    return;
  }
  if (entry.is_directory(status_error)) {
    walk_folder(root, path);
    return;
  }
  const std::string id = path.lexically_relative(root).generic_string();
  // Two names of one file (hard links) would be one text found twice: the
  // first name in the walk's sorted order is the document.
  if (const std::string* first = first_name_of_file(entry, id)) {
    handlers_.passed_over(path.string(), "hard link to " + *first + ", indexed already; skipped",
                          SkipReason::kHardLink);
    return;
  }
  handlers_.file(path, id);
}

// A symbolic link met in a folder: followed only when asked and when it
// leads out of the folder, and each target only once, so that nothing is
// indexed twice and loops end.
void FolderWalker::visit_symlink(const fs::path& root, const fs::path& link) {
  const std::string source = link.string();
  const auto pass_over = [&](std::string message, SkipReason reason) {
    handlers_.passed_over(source, std::move(message), reason);
  };
  if (std::string broken = broken_symlink_message(link); !broken.empty()) {
    pass_over(std::move(broken), SkipReason::kSymlinkLoop);
    return;
  }
  std::error_code error;
  const fs::path target = fs::canonical(link, error);
  if (error) {
    pass_over("cannot resolve symbolic link: " + error.message() + "; skipped",
              SkipReason::kUnreadable);
  } else if (!canonical_root_.empty() && is_within(target, canonical_root_)) {
    pass_over(
        "symbolic link within the folder, not followed (its target is indexed under its own "
        "name); skipped",
        SkipReason::kSymlinkLoop);
  } else if (!canonical_root_.empty() && is_within(canonical_root_, target)) {
    pass_over("symbolic link to a folder that holds the indexed folder (a loop); skipped",
              SkipReason::kSymlinkLoop);
  } else if (!follow_symlinks_) {
    pass_over(
        "symbolic link out of the folder, not followed (--follow-symlinks follows it); skipped",
        SkipReason::kSymlinkLoop);
  } else if (!first_visit(link)) {
    pass_over("reached already through another symbolic link; skipped", SkipReason::kSymlinkLoop);
  } else if (fs::is_directory(target, error)) {
    ++following_;
    walk_folder(root, link);
    --following_;
  } else {
    handlers_.file(link, link.lexically_relative(root).generic_string());
  }
}

// Records the resolved `path`; false when it was recorded before.
bool FolderWalker::first_visit(const fs::path& path) {
  std::error_code error;
  const fs::path resolved = fs::canonical(path, error);
  return error || followed_targets_.insert(resolved.string()).second;
}

// The id under which the file behind `entry` was seen first in this run,
// when it has several names (hard links) and this is not the first; else
// nullptr, recording `id` as its first name.
const std::string* FolderWalker::first_name_of_file(const fs::directory_entry& entry,
                                                    const std::string& id) {
  std::error_code error;
  if (entry.hard_link_count(error) < 2 || error) return nullptr;
  struct stat status {};
  if (::stat(entry.path().c_str(), &status) != 0) return nullptr;
  const auto [it, inserted] = first_names_.try_emplace(std::pair{status.st_dev, status.st_ino}, id);
  return inserted ? nullptr : &it->second;
}

}  // namespace lisan::internal
