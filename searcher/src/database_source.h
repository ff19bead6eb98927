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

}  // namespace lisan::internal
