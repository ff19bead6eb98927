/// @file
/// Sharded indexes: one lisan index split into N Xapian databases by a hash of
/// each document's id, so that the shards can be searched together (locally,
/// or served from other machines by xapian-tcpsrv) with global statistics.
///
/// Layout of a sharded index folder DIR:
///   - `DIR/shard-0` … `DIR/shard-<N-1>`: one ordinary lisan index each;
///   - `DIR/XAPIANDB`: a Xapian stub (`auto shard-0`, one line a shard), so
///     that opening DIR opens all shards as one database.
///
/// Thread-safety: shard_of() and shard_paths() are pure. index_sharded() runs
/// one Indexer per shard, each on its own thread, and calls `on_problem` from
/// those threads one at a time (never concurrently).
/// Lifetime: nothing is kept between calls.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "lisan/indexer/indexer.h"

namespace lisan {

/// The shard that owns the document `id`: FNV-1a 64 of its bytes modulo
/// `shard_count`. The same on every platform and in every release (changing
/// it would strand documents in the wrong shard).
/// @pre shard_count > 0
/// @return a shard number in [0, shard_count)
std::size_t shard_of(std::string_view id, std::size_t shard_count) noexcept;

/// The shard folders of the sharded index at `db_path`.
/// @return `db_path/shard-0` … `db_path/shard-<shard_count-1>`
std::vector<std::string> shard_paths(const std::string& db_path, std::size_t shard_count);

/// The number of shards of the sharded index at `db_path`, read from its stub.
/// @return 0 when `db_path` is missing or is not a sharded index
std::size_t existing_shard_count(const std::string& db_path);

/// Indexes `paths` (what Indexer::add_path takes) into the sharded index at
/// `db_path`, creating it when missing. Each shard is written by its own
/// Indexer on its own thread; every Indexer reads all inputs but analyses and
/// writes only the documents it owns (IndexOptions::shard).
/// @param db_path the sharded index's folder
/// @param shard_count the number of shards (must match an existing index)
/// @param options applied to every shard (its shard fields are set here)
/// @param on_problem receives each problem once (a bad JSONL line is
///        reported by shard 0 only)
/// @param paths files, folders and .jsonl files, as Indexer::add_path takes
/// @return the shards' reports added up (`seconds`: the slowest shard's)
/// @throws InvalidArgument when shard_count is 0, or `paths` holds "-"
///         (standard input cannot be read by every shard)
/// @throws IndexError when `db_path` holds an unsharded index or a different
///         number of shards, or a shard is locked or damaged
/// @throws IoError when `db_path` cannot be created
/// Any error of a shard is rethrown after all shards have stopped.
IndexReport index_sharded(const std::string& db_path, std::size_t shard_count,
                          const IndexOptions& options, const std::vector<std::string>& paths,
                          const std::function<void(const IndexProblem&)>& on_problem = {});

}  // namespace lisan
