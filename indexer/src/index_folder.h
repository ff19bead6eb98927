// The folder of an index on disk: what may be in it, what lisan may remove
// from it, and how a bulk load's merged database takes its place.
//
// lisan removes files from an index folder only when its own marker file
// (kCreationMarker) says that the folder is a creation lisan started and has
// not finished: a folder without the marker is never cleaned, whatever it
// holds, so that a damaged index or a wrong --db loses nothing.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "lisan/format/internal/index_layout.h"

namespace lisan::internal {

// Prepares `db_path` for a writer. A missing or empty folder is created and
// marked; a folder of Xapian's files (and lisan's own) is accepted; a folder
// lisan marked whose creation was interrupted is emptied of Xapian's files.
// Throws IndexError for a file, a folder holding anything else, or an index
// whose version file is missing without lisan's marker (damaged: refused,
// never reset); IoError when the folder cannot be listed or created.
void prepare_index_folder(const std::string& db_path);

// Removes the marker once the index at `db_path` is complete (stamped and
// committed). Does nothing when there is no marker.
void finish_creation(const std::string& db_path);

// Throws IndexError when a table that every lisan index has (postlist,
// termlist; docdata once it holds documents) is missing from the glass
// database at `db_path`. To be called before a writer opens it: Xapian's
// writer would create a missing table empty, and the documents it indexed
// would be lost from search for good. Does nothing without a version file.
void check_tables_present(const std::string& db_path);

// Throws IndexError when Xapian's own check (what `xapian-check DIR` runs)
// finds the glass database at `db_path` damaged. To be called before a
// writer opens it: Xapian's writer trusts the blocks it reads, and damaged
// ones made it overflow a heap buffer, loop for ever in a commit, or write
// an index that no longer opens. Reads every block of the database once,
// in a child process (a crash or a hang of the check is damage too),
// holding its writer lock so that no commit changes it meanwhile. Does
// nothing without a version file.
void check_database_intact(const std::string& db_path);

// Replaces the Xapian database files of `db_path` (an empty index, closed)
// by those of the complete database `merged`, on the same file system. The
// marker is written first and the version file moved last, so that a crash
// in between leaves an interrupted creation (emptied and redone by the next
// writer), never a mix of two databases. Requires: the caller holds
// `db_path`'s lock (see with_index_folder_lock).
void move_database_into(const std::filesystem::path& merged, const std::string& db_path);

// Flushes the file or folder at `path` (opened with `flags`, e.g. O_RDONLY or
// O_RDONLY | O_DIRECTORY) to disk. Throws IoError when it cannot.
void sync_path(const std::filesystem::path& path, int flags);

// Runs `body` holding the writer lock of the glass database at `db_path`
// (an open file description lock on `flintlock`, the lock Xapian's writer
// takes). Throws IndexError when another process holds it.
void with_index_folder_lock(const std::string& db_path, const std::function<void()>& body);

}  // namespace lisan::internal
