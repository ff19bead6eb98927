// One shard of a bulk load: a private Xapian database that one worker thread
// fills with documents it analyses and builds itself.
//
// A shard is scratch space, merged into the real index by BulkLoad::finish:
// it is opened with DB_NO_SYNC (no fsync per commit; the merged index is made
// durable once, at the end) and committed only to bound memory, when the
// text written since the last commit passes `flush_bytes`.
//
// Not thread-safe: one ShardWriter per worker thread (it owns an analysis
// context through its DocumentBuilder).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>

#include "document_builder.h"

namespace lisan::internal {

// What one shard (or a whole bulk load) wrote.
struct ShardTotals {
  std::uint64_t added = 0;
  std::uint64_t replaced = 0;   // an id seen earlier in the same run, new content
  std::uint64_t unchanged = 0;  // an id seen earlier in the same run, same content
  std::uint64_t bytes = 0;      // bytes of text analysed
  std::map<std::string, std::uint64_t> languages;

  void merge(const ShardTotals& other);
};

class ShardWriter {
 public:
  // Creates (or overwrites) the shard database at `path`.
  ShardWriter(const std::string& path, std::uint64_t flush_bytes);

  // Detects the language when it is not set, builds the document and adds
  // it. Ids normally reach a shard once (BulkLoad routes each id to one
  // shard, into an empty index); a repeated id replaces its first version,
  // as the sequential indexer would.
  void write(PreparedDocument& doc);

  // Commits (without fsync) and closes the shard.
  void close();

  const ShardTotals& totals() const noexcept { return totals_; }

 private:
  Xapian::WritableDatabase db_;
  DocumentBuilder builder_;
  std::uint64_t flush_bytes_;
  std::uint64_t pending_bytes_ = 0;
  ShardTotals totals_;
  std::string id_term_;  // reused Q<id> buffer
};

}  // namespace lisan::internal
