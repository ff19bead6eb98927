// Which entries of a folder given to the indexer are documents, and under
// which ids: a walk in sorted order (ids and document order do not depend on
// the file system) that passes over hidden entries and the names a folder's
// .lisanignore lists, follows symbolic links only out of the folder and when
// asked (each target once, loops cut), and indexes a file with several
// names (hard links) under its first.
//
// Not thread-safe: one walker per Indexer, for the whole run (what it saw
// through links and hard links holds across the folders it is given).
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "lisan/indexer/indexer.h"

namespace lisan::internal {

// True when `path` is `folder` or lies under it (both canonical or both
// absolute and normal).
bool is_within(const std::filesystem::path& path, const std::filesystem::path& folder);

class FolderWalker {
 public:
  using Report = std::function<void(std::string source, std::string message, SkipReason)>;
  struct Handlers {
    // A file to index, and its id: its path relative to the folder given.
    std::function<void(const std::filesystem::path& path, const std::string& id)> file;
    // An entry passed over (a link, a second name of a file): every shard of
    // a sharded run meets it alike.
    Report passed_over;
    // A folder that cannot be listed.
    Report problem;
    // True once the walk must stop (IndexOptions::stop).
    std::function<bool()> stop;
  };

  FolderWalker(bool follow_symlinks, Handlers handlers)
      : follow_symlinks_(follow_symlinks), handlers_(std::move(handlers)) {}

  void walk(const std::filesystem::path& root);

 private:
  void walk_folder(const std::filesystem::path& root, const std::filesystem::path& folder);
  void visit_entry(const std::filesystem::path& root,
                   const std::filesystem::directory_entry& entry);
  void visit_symlink(const std::filesystem::path& root, const std::filesystem::path& link);
  bool first_visit(const std::filesystem::path& path);
  const std::string* first_name_of_file(const std::filesystem::directory_entry& entry,
                                        const std::string& id);

  bool follow_symlinks_;
  Handlers handlers_;
  // The folder being walked, resolved; the files and folders out of it
  // reached through links so far, and how many followed links the walk is in.
  std::filesystem::path canonical_root_;
  std::set<std::string> followed_targets_;
  int following_ = 0;
  // Files with several names (hard links) seen in this run: their first id.
  std::map<std::pair<dev_t, ino_t>, std::string> first_names_;
};

}  // namespace lisan::internal
