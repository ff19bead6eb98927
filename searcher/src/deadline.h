// SearchOptions::time_limit, enforced.
#pragma once

#include <xapian.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "lisan/searcher/errors.h"

namespace lisan::internal {

// SearchOptions::time_limit: checked between the stages of a search and, as
// a match decider that accepts every document, within Xapian's matches,
// where an expensive query spends its time. Xapian has no way to end a match
// early (Enquire::set_time_limit only stops check_at_least), so the decider
// throws, which unwinds through the matcher like any of its own errors.
class Deadline final : public Xapian::MatchDecider {
 public:
  explicit Deadline(std::chrono::steady_clock::duration limit)
      : limited_(limit > std::chrono::steady_clock::duration::zero()),
        limit_(limit),
        end_(std::chrono::steady_clock::now() + limit) {}

  void check() const {
    if (limited_ && std::chrono::steady_clock::now() >= end_) {
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(limit_).count();
      throw TimeLimitExceeded("the search took longer than its limit of " + std::to_string(ms) +
                              " ms");
    }
  }
  // The clock is read every 64 documents: a few nanoseconds each.
  bool operator()(const Xapian::Document&) const override {
    if (++seen_ % 64 == 0) check();
    return true;
  }
  // Null when there is no limit, so that the matcher keeps its fastest path.
  const Xapian::MatchDecider* decider() const { return limited_ ? this : nullptr; }

 private:
  bool limited_;
  std::chrono::steady_clock::duration limit_;
  std::chrono::steady_clock::time_point end_;
  mutable std::uint64_t seen_ = 0;
};

}  // namespace lisan::internal
