// When the indexer commits outside a bulk load: after
// IndexOptions::batch_documents documents or batch_bytes of text since the
// last commit, whichever comes first (the figures behind the defaults are in
// docs/PERFORMANCE.md, "Commit size").
#pragma once

#include <cstddef>
#include <cstdint>

namespace lisan::internal {

class CommitPolicy {
 public:
  CommitPolicy(std::size_t max_documents, std::uint64_t max_bytes)
      : max_documents_(max_documents), max_bytes_(max_bytes) {}

  // Counts a document written with `text_bytes` of text; true when a commit is due.
  bool count(std::uint64_t text_bytes) {
    ++documents_;
    bytes_ += text_bytes;
    return documents_ >= max_documents_ || bytes_ >= max_bytes_;
  }
  // Documents written since the last commit.
  std::size_t pending() const { return documents_; }
  void committed() {
    documents_ = 0;
    bytes_ = 0;
  }

 private:
  std::size_t max_documents_;
  std::uint64_t max_bytes_;
  std::size_t documents_ = 0;
  std::uint64_t bytes_ = 0;
};

}  // namespace lisan::internal
