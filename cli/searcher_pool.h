// Searchers for a server's worker threads. A Searcher is not thread-safe, so
// each request borrows one for its duration and gives it back.
//
// Thread-safety: acquire() may be called from any thread; a Lease is used by
// the thread that took it. Lifetime: the pool must outlive its leases.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "lisan/searcher/searcher.h"

namespace lisan::cli {

class SearcherPool {
 public:
  // Opens `size` Searchers on `db_paths` now, so that a missing or broken
  // index fails at start-up rather than on the first request. A searcher is
  // reopened when lent out more than `max_age` after it was opened, so that
  // documents committed since are seen (0: reopened for every lease).
  // Throws what Searcher's constructor throws; InvalidArgument when size is 0.
  SearcherPool(std::vector<std::string> db_paths, std::size_t size,
               std::chrono::milliseconds max_age);

  class Lease;

  // A searcher for this thread (reopened first when too old); waits while
  // all are lent out.
  Lease acquire();

 private:
  struct Slot {
    std::unique_ptr<Searcher> searcher;
    std::chrono::steady_clock::time_point opened;
  };

 public:
  class Lease {
   public:
    Lease(SearcherPool& pool, Slot slot);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Searcher& operator*() { return *slot_.searcher; }
    Searcher* operator->() { return slot_.searcher.get(); }
    // Replaces the searcher by a newly opened one (after an index error: the
    // index may have been rewritten under it). Throws what opening throws.
    void reopen();

   private:
    SearcherPool& pool_;
    Slot slot_;
  };

 private:
  Slot open() const;
  void give_back(Slot slot);

  const std::vector<std::string> db_paths_;
  const std::chrono::milliseconds max_age_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<Slot> free_;
};

}  // namespace lisan::cli
