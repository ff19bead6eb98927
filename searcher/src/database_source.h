// Opening one of the databases a Searcher searches: a local index folder
// (plain or sharded), a Xapian stub file, or a remote shard served by
// xapian-tcpsrv.
#pragma once

#include <xapian.h>

#include <string>

namespace lisan::internal {

// Opens `source`:
//   tcp://HOST:PORT   a remote database (Xapian's remote backend)
//   a folder          a lisan index, or a sharded one (its XAPIANDB stub)
//   a file            a Xapian stub file listing databases (local or remote)
// Throws InvalidArgument for a malformed tcp:// address, IndexError when
// there is nothing to open (Xapian's own errors are left to the caller's
// with_index_errors).
Xapian::Database open_database(const std::string& source);

// True when `path` is a folder holding one Xapian (glass) database itself.
bool is_index_folder(const std::string& path);

// True when `source` is local: an index folder, or a stub (a file, or a
// sharded index's folder) whose every line is a local database ("auto" or
// "glass" and a path). A local database can be read posting list by posting
// list at a search's pace; a remote one would send whole lists.
bool is_local_source(const std::string& source);

}  // namespace lisan::internal
