// One part of a bulk load: a private Xapian database that one worker thread
// fills with documents it analyses and builds itself. (Not a shard: shards
// are the persistent split of a sharded index, lisan/indexer/shards.h.)
//
// A part is scratch space, merged into the real index by BulkLoad::finish:
// it is opened with DB_NO_SYNC (no fsync per commit; the merged index is made
// durable once, at the end) and committed only to bound memory, when the
// text written since the last commit passes `flush_bytes`.
//
// Not thread-safe: one PartWriter per worker thread (it owns an analysis
// context through its DocumentBuilder).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>

#include "document_builder.h"
#include "lisan/indexer/indexer.h"

namespace lisan::internal {

class PartWriter {
 public:
  // Creates (or overwrites) the part database at `path`.
  PartWriter(const std::string& path, std::uint64_t flush_bytes);

  // Detects the language when it is not set, builds the document and adds
  // it. Ids normally reach a part once (BulkLoad routes each id to one
  // part, into an empty index); a repeated id replaces its first version,
  // as the sequential indexer would.
  void write(PreparedDocument& doc);

  // Commits (without fsync) and closes the part.
  void close();

  // added, replaced, unchanged, bytes and languages of what it wrote.
  const IndexReport& totals() const noexcept { return totals_; }

 private:
  Xapian::WritableDatabase db_;
  DocumentBuilder builder_;
  std::uint64_t flush_bytes_;
  std::uint64_t pending_bytes_ = 0;
  IndexReport totals_;
  std::string id_term_;  // reused Q<id> buffer
};

}  // namespace lisan::internal
