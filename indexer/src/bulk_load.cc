#include "bulk_load.h"

#include <fcntl.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>

#include "index_folder.h"
#include "index_report.h"
#include "lisan/analyzers/error.h"
#include "lisan/indexer/shards.h"

namespace fs = std::filesystem;

namespace lisan::internal {
namespace {

// Resident memory that does not grow with the batch: the program, ICU's and
// Snowball's tables, and per thread an analysis context with its stem caches.
constexpr std::uint64_t kFixedBytes = 64ull << 20;
constexpr std::uint64_t kFixedBytesPerJob = 24ull << 20;
// Xapian holds a part's uncommitted postings and positions in memory:
// measured (bench/index_bench --memory 256 and 512 on the shared bench
// corpus, docs/PERFORMANCE.md) at about 13 bytes of resident memory per byte
// of text written since the last commit; 16 leaves room for text with a
// richer vocabulary.
constexpr std::uint64_t kPendingBytesPerTextByte = 16;
// Text pending per part before a commit. Xapian's writer is fastest with
// small batches: on the shared bench corpus, two parts committing every
// 1 MB of text indexed in 22.5 s against 34.6 s every 11.5 MB (what a 512 MB
// budget allowed before), with peak RSS 125 MB against 426 MB; 256 KB and
// 512 KB were within 7 % of 1 MB (docs/PERFORMANCE.md, "Commit size"). So
// this is the batch, and the memory budget only lowers it.
constexpr std::uint64_t kFastestFlushBytes = 1ull << 20;
constexpr std::uint64_t kMinFlushBytes = 256ull << 10;
constexpr std::uint64_t kMaxQueueBytes = 8ull << 20;

// Roughly what a queued document occupies besides its text.
constexpr std::uint64_t kQueuedDocumentOverhead = 512;

std::uint64_t queued_cost(const PreparedDocument& doc) {
  return doc.stored.text.size() + doc.stored.title.size() + doc.stored.url.size() +
         doc.stored.source.size() + kQueuedDocumentOverhead;
}

}  // namespace

BulkLoadLimits limits_for_budget(unsigned jobs, std::uint64_t memory_budget_bytes) {
  BulkLoadLimits limits;
  limits.jobs = std::max(1u, jobs);
  limits.queue_bytes =
      std::clamp<std::uint64_t>(memory_budget_bytes / 32, kMinFlushBytes, kMaxQueueBytes);
  const std::uint64_t fixed =
      kFixedBytes + limits.jobs * (kFixedBytesPerJob + 2 * limits.queue_bytes);
  const std::uint64_t for_batches = memory_budget_bytes > fixed ? memory_budget_bytes - fixed : 0;
  limits.flush_bytes = std::clamp(for_batches / (limits.jobs * kPendingBytesPerTextByte),
                                  kMinFlushBytes, kFastestFlushBytes);
  return limits;
}

BulkLoad::BulkLoad(fs::path work_dir, const BulkLoadLimits& limits)
    : work_dir_(std::move(work_dir)), limits_(limits) {
  fs::create_directories(work_dir_);
  for (unsigned i = 0; i < limits_.jobs; ++i) {
    auto worker = std::make_unique<Worker>();
    worker->part_path = (work_dir_ / ("part-" + std::to_string(i))).string();
    workers_.push_back(std::move(worker));
  }
  for (auto& worker : workers_) worker->thread = std::thread([this, &w = *worker] { run(w); });
}

BulkLoad::~BulkLoad() {
  // Unmerged parts are dropped: wake the workers to exit without writing.
  for (auto& worker : workers_) {
    std::lock_guard lock(worker->mutex);
    worker->queue.clear();
    worker->closed = true;
    worker->changed.notify_all();
  }
  stop_workers();
  std::error_code ignored;
  fs::remove_all(work_dir_, ignored);
}

void BulkLoad::run(Worker& worker) {
  try {
    PartWriter part(worker.part_path, limits_.flush_bytes);
    for (;;) {
      std::unique_lock lock(worker.mutex);
      worker.changed.wait(lock, [&] { return !worker.queue.empty() || worker.closed; });
      if (worker.queue.empty()) break;
      PreparedDocument doc = std::move(worker.queue.front());
      worker.queue.pop_front();
      worker.queued_bytes -= queued_cost(doc);
      worker.changed.notify_all();
      lock.unlock();
      part.write(doc);
    }
    part.close();
    worker.totals = part.totals();
  } catch (...) {
    std::lock_guard lock(worker.mutex);
    worker.error = std::current_exception();
    worker.queue.clear();
    worker.queued_bytes = 0;
    worker.changed.notify_all();
  }
}

void BulkLoad::stop_workers() {
  for (auto& worker : workers_) {
    if (worker->thread.joinable()) worker->thread.join();
  }
}

void BulkLoad::submit(PreparedDocument doc) {
  // The stable hash of shard routing: the same parts on every run and platform.
  const std::size_t part = shard_of(doc.stored.id, workers_.size());
  Worker& worker = *workers_[part];
  const std::uint64_t cost = queued_cost(doc);
  std::unique_lock lock(worker.mutex);
  // A document larger than the whole queue still goes in, alone.
  worker.changed.wait(lock, [&] {
    return worker.error || worker.queue.empty() ||
           worker.queued_bytes + cost <= limits_.queue_bytes;
  });
  if (worker.error) std::rethrow_exception(worker.error);
  worker.queued_bytes += cost;
  worker.queue.push_back(std::move(doc));
  worker.changed.notify_all();
}

void BulkLoad::drop_queued() {
  for (auto& worker : workers_) {
    std::lock_guard lock(worker->mutex);
    worker->queue.clear();
    worker->queued_bytes = 0;
    worker->changed.notify_all();
  }
}

IndexReport BulkLoad::finish(const std::string& base_db, const fs::path& output) {
  for (auto& worker : workers_) {
    std::lock_guard lock(worker->mutex);
    worker->closed = true;
    worker->changed.notify_all();
  }
  stop_workers();
  IndexReport totals;
  Xapian::Database all(base_db);
  for (auto& worker : workers_) {
    if (worker->error) std::rethrow_exception(worker->error);
    add_report(totals, worker->totals);
    all.add_database(Xapian::Database(worker->part_path));
  }
  all.compact(output.string());
  sync_directory_tree(output);
  return totals;
}

void sync_directory_tree(const fs::path& dir) {
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file()) sync_path(entry.path(), O_RDONLY);
  }
  sync_path(dir, O_RDONLY | O_DIRECTORY);
}

}  // namespace lisan::internal
