// Internal part of the sharded layout (see lisan/indexer/shards.h).
#pragma once

#include <cstddef>
#include <string>

namespace lisan::internal {

// Writes DIR/XAPIANDB naming shard-0 … shard-<shard_count-1>, atomically.
// Throws IoError when it cannot be written.
void write_shard_stub(const std::string& db_path, std::size_t shard_count);

}  // namespace lisan::internal
