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

// Current UTC time as ISO 8601, e.g. 2026-11-25T17:30:00Z.
std::string utc_now_iso8601();

}  // namespace lisan::internal
