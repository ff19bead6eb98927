// Sharded indexes: one lisan index split into N Xapian databases by a hash of
// each document's id, so that the shards can be searched together (locally,
// or served on other machines by xapian-tcpsrv) with global statistics.
//
// Layout of a sharded index folder DIR:
//   DIR/shard-0 … DIR/shard-<N-1>   one ordinary lisan index each
//   DIR/XAPIANDB                    a Xapian stub ("auto shard-0" a line), so
//                                   that opening DIR opens all shards as one
//
// Thread-safety: shard_of and shard_paths are pure; index_sharded runs one
// Indexer per shard on its own thread and calls `on_problem` from those
// threads one at a time (never concurrently).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "lisan/indexer/indexer.h"

namespace lisan {

// The shard (0 … shard_count-1) that owns the document `id`: FNV-1a 64 of its
// bytes modulo shard_count, the same on every platform and in every release
// (changing it would strand documents in the wrong shard).
// Requires: shard_count > 0.
std::size_t shard_of(std::string_view id, std::size_t shard_count) noexcept;

// DIR/shard-0 … DIR/shard-<shard_count-1>.
std::vector<std::string> shard_paths(const std::string& db_path, std::size_t shard_count);

// Number of shards of the sharded index at `db_path`, read from its stub;
// 0 when `db_path` is missing or is not a sharded index.
std::size_t existing_shard_count(const std::string& db_path);

// Indexes `paths` (as Indexer::add_path takes them) into the sharded index at
// `db_path`, creating it when missing. Each shard is written by its own
// Indexer on its own thread. Returns the shards' reports added up.
// Throws InvalidArgument when shard_count is 0, IndexError when `db_path` is
// an unsharded index or has a different number of shards, and whatever
// Indexer throws (the first error of any shard, after all have stopped).
IndexReport index_sharded(const std::string& db_path, std::size_t shard_count,
                          const IndexOptions& options, const std::vector<std::string>& paths,
                          const std::function<void(const IndexProblem&)>& on_problem = {});

}  // namespace lisan
