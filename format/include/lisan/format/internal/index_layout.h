// What lisan's index folder holds on disk, as both the writer (which makes
// it) and the readers (which explain what they find) need to know it.
//
// Internal to lisan's libraries: not part of the API, not installed.
#pragma once

#include <string>
#include <string_view>

namespace lisan::internal {

// Xapian's glass database: its version file (the last file a new or swapped
// database gets) and the writer's lock file.
inline constexpr std::string_view kVersionFile = "iamglass";
inline constexpr std::string_view kLockFile = "flintlock";

// Written into an index folder before Xapian creates its database there, and
// before a bulk load replaces the database's files; removed once the folder
// holds a complete index again. lisan removes files from an index folder only
// when this marker says the folder is a creation it started and has not
// finished.
inline constexpr std::string_view kCreationMarker = "lisan-creating";
// A bulk load's scratch space, inside the index folder so that the merged
// database can be moved in whatever the folder is (a mount point, a symbolic
// link, a folder whose parent is read-only).
inline constexpr std::string_view kBulkFolder = "lisan-bulk";

// True when `db_path` holds lisan's marker and no version file: a creation
// or a bulk load's swap was interrupted, and a writer will start it again.
bool is_interrupted_creation(const std::string& db_path);

}  // namespace lisan::internal
