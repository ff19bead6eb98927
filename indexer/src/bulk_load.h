// Loading many documents into an empty index at the speed of several Xapian
// writers: the indexer's reading thread hands each prepared document to one
// of `jobs` worker threads; each worker analyses, builds and writes into its
// own part database (PartWriter); finish() merges the parts with
// Xapian::Database::compact into a new database, made durable once.
//
// Why parts: Xapian's writer costs about 5 µs per (document, distinct term)
// pair and one WritableDatabase cannot be written from two threads, so one
// writer per thread is the only way past one core. Compaction merges the
// parts in one sequential pass, and writes a smaller index besides.
//
// Routing is by a hash of the id, so a repeated id meets its first version in
// the same part, and the document order (hence the docids) is the same on
// every run of the same input.
//
// Memory: each worker's queue holds at most `queue_bytes` of text, and each
// part commits when `flush_bytes` of text are pending (Xapian keeps the
// pending postings in memory, about thirteen times the text; see
// docs/PERFORMANCE.md).
//
// Thread-safety: submit() and finish() are for one (the reading) thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "part_writer.h"

namespace lisan::internal {

struct BulkLoadLimits {
  unsigned jobs = 1;
  std::uint64_t queue_bytes = 8ull << 20;   // text waiting per worker
  std::uint64_t flush_bytes = 16ull << 20;  // pending text per part before a commit
};

// Splits a memory budget (bytes of resident memory for the whole run) into
// queue and flush limits for `jobs` workers.
BulkLoadLimits limits_for_budget(unsigned jobs, std::uint64_t memory_budget_bytes);

class BulkLoad {
 public:
  // Starts the workers; parts go into `work_dir`, which is created and must
  // be the loader's alone.
  BulkLoad(std::filesystem::path work_dir, const BulkLoadLimits& limits);
  // Stops the workers and removes `work_dir` with what is in it (the parts,
  // and finish()'s output unless the caller moved it out): the index keeps
  // its last commit, and a failed load leaves nothing behind to fill a disk.
  ~BulkLoad();
  BulkLoad(const BulkLoad&) = delete;
  BulkLoad& operator=(const BulkLoad&) = delete;

  // Queues `doc` for its part; blocks while that worker's queue is full.
  // Rethrows the error that stopped a worker, if one did.
  void submit(PreparedDocument doc);

  // Drops the documents queued and not yet begun, so that a stop (Ctrl-C,
  // SIGTERM) waits only for the documents in progress, then the merge.
  void drop_queued();

  // Waits for the queued documents to be written, then compacts `base_db`
  // (an index whose metadata the result keeps; it may hold no documents)
  // followed by the parts into the new database `output` and syncs it to
  // disk. Returns what the parts wrote. Rethrows a worker's error.
  IndexReport finish(const std::string& base_db, const std::filesystem::path& output);

 private:
  struct Worker {
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<PreparedDocument> queue;
    std::uint64_t queued_bytes = 0;
    bool closed = false;
    std::exception_ptr error;
    std::string part_path;
    IndexReport totals;
    std::thread thread;
  };

  void run(Worker& worker);
  void stop_workers();

  std::filesystem::path work_dir_;
  BulkLoadLimits limits_;
  std::vector<std::unique_ptr<Worker>> workers_;
};

// Flushes every file under `dir`, and `dir` itself, to disk.
void sync_directory_tree(const std::filesystem::path& dir);

}  // namespace lisan::internal
