// Writing a sharded index: one Indexer per shard, each on its own thread,
// each reading every input but analysing and writing only the documents it
// owns (IndexOptions::shard). Reading is cheap next to analysis and writing,
// so the shards share the work without a router thread between them.
#include <algorithm>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include "index_report.h"
#include "lisan/analyzers/error.h"
#include "lisan/format/index_error.h"
#include "lisan/indexer/shards.h"
#include "shard_router.h"

namespace lisan {
namespace {

bool is_shard_folder_name(const std::string& name, std::size_t shard_count) {
  for (std::size_t k = 0; k < shard_count; ++k) {
    if (name == "shard-" + std::to_string(k)) return true;
  }
  return false;
}

// True when `db_path` holds nothing but shard folders of `shard_count`
// shards (and a stub's temporary file): a first run killed before it wrote
// the stub, which the same command completes.
bool is_unfinished_sharded_index(const std::string& db_path, std::size_t shard_count) {
  namespace fs = std::filesystem;
  std::error_code error;
  for (fs::directory_iterator it(db_path, error); !error && it != fs::directory_iterator();
       it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name == "XAPIANDB.tmp") continue;
    if (!is_shard_folder_name(name, shard_count) || !it->is_directory(error)) return false;
  }
  return !error;
}

void check_layout(const std::string& db_path, std::size_t shard_count) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::exists(db_path, error)) return;
  if (!fs::is_directory(db_path, error)) {
    throw IndexError("index path " + db_path + " is a file, not an index folder");
  }
  const std::size_t existing = existing_shard_count(db_path);
  if (existing == 0 && !is_unfinished_sharded_index(db_path, shard_count)) {
    const bool unsharded = fs::exists(fs::path(db_path) / "iamglass", error);
    throw IndexError(db_path +
                     (unsharded ? " holds an unsharded index; index into a new folder to shard, "
                                  "or leave out --shards"
                                : " is not a sharded index of " + std::to_string(shard_count) +
                                      " shards (it holds other files or another number of "
                                      "shards); give --db a new or empty folder"));
  }
  if (existing != 0 && existing != shard_count) {
    throw IndexError(db_path + " has " + std::to_string(existing) + " shards, not " +
                     std::to_string(shard_count) +
                     "; documents would land in the wrong shards (rebuild it to reshard)");
  }
}

}  // namespace

IndexReport index_sharded(const std::string& db_path, std::size_t shard_count,
                          const IndexOptions& options, const std::vector<std::string>& paths,
                          const std::function<void(const IndexProblem&)>& on_problem) {
  if (shard_count == 0) throw InvalidArgument("the number of shards must be at least 1");
  // Every shard reads every input, and standard input can be read only once.
  if (std::find(paths.begin(), paths.end(), "-") != paths.end()) {
    throw InvalidArgument(
        "a sharded index cannot read standard input (-); save it to a .jsonl file and index that");
  }
  check_layout(db_path, shard_count);
  std::error_code create_error;
  std::filesystem::create_directories(db_path, create_error);
  if (create_error) throw IoError("cannot create " + db_path + ": " + create_error.message());
  const std::vector<std::string> shards = shard_paths(db_path, shard_count);

  // Opened here, one after the other, before any work starts: a locked or
  // damaged shard fails the run before anything is written.
  std::vector<std::unique_ptr<Indexer>> indexers;
  for (std::size_t k = 0; k < shard_count; ++k) {
    IndexOptions shard_options = options;
    shard_options.shard_count = shard_count;
    shard_options.shard = k;
    indexers.push_back(std::make_unique<Indexer>(shards[k], shard_options));
  }
  // Written as soon as every shard exists, so that an interrupted first run
  // leaves an index that opens (with what its shards committed) and that
  // the same command completes.
  internal::write_shard_stub(db_path, shard_count);
  std::mutex callback_mutex;
  std::vector<IndexReport> reports(shard_count);
  std::vector<std::exception_ptr> errors(shard_count);
  {
    std::vector<std::jthread> workers;
    for (std::size_t k = 0; k < shard_count; ++k) {
      workers.emplace_back([&, k] {
        try {
          Indexer& indexer = *indexers[k];
          if (on_problem) {
            indexer.on_problem([&](const IndexProblem& problem) {
              const std::lock_guard lock(callback_mutex);
              on_problem(problem);
            });
          }
          for (const std::string& path : paths) indexer.add_path(path);
          reports[k] = indexer.finish();
        } catch (...) {
          errors[k] = std::current_exception();
        }
      });
    }
  }
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
  IndexReport total;
  for (const IndexReport& report : reports) internal::add_report(total, report);
  return total;
}

}  // namespace lisan
