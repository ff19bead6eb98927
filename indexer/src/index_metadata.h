// Writing and checking the metadata that identifies a lisan index.
#pragma once

#include <xapian.h>

#include <string>

namespace lisan::internal {

// Stamps a new index with the schema and analyzer it is written with.
void stamp_new_index(Xapian::WritableDatabase& db);

// Throws IndexError unless `db` was written by a schema and analyzer this
// build reads. An index with no documents and no stamp is accepted (new).
void check_index_compatible(const Xapian::Database& db, const std::string& db_path);

// Prepares `db_path` for a writer. Throws unless it is missing, an empty
// folder, or a folder of Xapian's files only: IndexError for a file or a
// folder holding anything else (an index must not be written among other
// files), IoError when the folder cannot be listed. Removes the leftovers of
// a database creation that was killed before it completed (nothing had been
// committed), so that the index can be created again.
void check_index_folder(const std::string& db_path);

// True when `db_path` holds only Xapian's files but no version file: a
// database creation was interrupted (a writer can start it again).
bool is_interrupted_creation(const std::string& db_path);

// Current UTC time as ISO 8601, e.g. 2026-11-25T17:30:00Z.
std::string utc_now_iso8601();

}  // namespace lisan::internal
