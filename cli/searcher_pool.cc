#include "searcher_pool.h"

#include "lisan/analyzers/error.h"

namespace lisan::cli {

SearcherPool::SearcherPool(std::vector<std::string> db_paths, std::size_t size,
                           std::chrono::milliseconds max_age)
    : db_paths_(std::move(db_paths)), max_age_(max_age) {
  if (size == 0) throw InvalidArgument("a searcher pool needs at least one searcher");
  for (std::size_t k = 0; k < size; ++k) free_.push_back(open());
}

SearcherPool::Slot SearcherPool::open() const {
  return {std::make_unique<Searcher>(db_paths_), std::chrono::steady_clock::now()};
}

SearcherPool::Lease SearcherPool::acquire() {
  Slot slot;
  {
    std::unique_lock lock(mutex_);
    returned_.wait(lock, [this] { return !free_.empty(); });
    slot = std::move(free_.back());
    free_.pop_back();
  }
  if (std::chrono::steady_clock::now() - slot.opened >= max_age_) {
    try {
      slot = open();
    } catch (...) {
      // The old snapshot still answers; a real problem shows when it fails too.
    }
  }
  return Lease(*this, std::move(slot));
}

void SearcherPool::give_back(Slot slot) {
  {
    const std::lock_guard lock(mutex_);
    free_.push_back(std::move(slot));
  }
  returned_.notify_one();
}

SearcherPool::Lease::Lease(SearcherPool& pool, Slot slot) : pool_(pool), slot_(std::move(slot)) {}

SearcherPool::Lease::~Lease() { pool_.give_back(std::move(slot_)); }

void SearcherPool::Lease::reopen() { slot_ = pool_.open(); }

}  // namespace lisan::cli
