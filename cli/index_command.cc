#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>

#include "commands.h"
#include "language_option.h"
#include "lisan/analyzers/error.h"
#include "lisan/indexer/indexer.h"
#include "lisan/indexer/shards.h"
#include "progress_bar.h"
#include "terminal_text.h"

namespace lisan::cli {
namespace {

// The signal that asked the run to stop, for the exit status (128 + signal,
// as shells report a process ended by it).
volatile std::sig_atomic_t g_stop_signal = 0;
// What the signal handler asks the indexers to do (IndexOptions::stop).
StopToken g_stop;

// The first Ctrl-C or SIGTERM stops after the documents in progress and
// commits what is done, which for a bulk load means merging everything loaded
// so far (seconds on a large load). A second one stops at once, as kill -9
// would: the index keeps its last commit, which is always safe to leave.
extern "C" void stop_indexing(int signal) {
  if (g_stop_signal != 0) {
    constexpr char kAtOnce[] =
        "\nlisan: stopped at once: the index stays at its last commit; run the same command "
        "again to complete it\n";
    (void)!write(STDERR_FILENO, kAtOnce, sizeof kAtOnce - 1);
    _exit(128 + signal);
  }
  g_stop_signal = signal;
  g_stop.request();
  constexpr char kStopping[] =
      "\nlisan: stopping: committing what is indexed so far (send the signal again to stop at "
      "once, without it)\n";
  (void)!write(STDERR_FILENO, kStopping, sizeof kStopping - 1);
}

void print_summary(const IndexReport& r) {
  std::cerr << "indexed: " << r.added << " added, " << r.replaced << " replaced, " << r.unchanged
            << " unchanged, " << r.removed << " removed, " << r.skipped_total() << " skipped";
  if (!r.skipped.empty()) {
    std::cerr << " (";
    const char* sep = "";
    for (const auto& [reason, count] : r.skipped) {
      std::cerr << sep << count << ' ' << skip_reason_name(reason);
      sep = ", ";
    }
    std::cerr << ')';
  }
  std::cerr << "\n" << r.bytes << " bytes of text";
  for (const auto& [lang, count] : r.languages) std::cerr << ", " << lang << ": " << count;
  if (!r.formats.empty() && !(r.formats.size() == 1 && r.formats.count("text") == 1)) {
    for (const auto& [format, count] : r.formats)
      std::cerr << ", " << format << " files: " << count;
  }
  if (r.repaired_utf8 > 0) std::cerr << ", " << r.repaired_utf8 << " repaired (invalid UTF-8)";
  std::cerr << ", " << std::fixed << std::setprecision(2) << r.seconds << " s\n";
  if (r.deleted > 0 || r.not_found > 0) {
    std::cerr << "deleted: " << r.deleted << " (" << r.not_found << " id(s) not in the index)\n";
  }
  if (r.fields_dropped > 0) std::cerr << "fields dropped: " << r.fields_dropped << '\n';
  if (r.interrupted) {
    std::cerr << "interrupted: the documents indexed so far are committed; run the same command "
                 "again to complete the index\n";
  }
}

struct IndexCommandOptions {
  std::string db = default_db_path();
  std::string lang;
  bool prune = false;
  bool follow_symlinks = false;
  std::uint64_t max_size = 64ull << 20;
  std::string encoding;
  double file_time_limit = IndexOptions{}.file_time_limit;
  std::size_t batch_documents = IndexOptions{}.batch_documents;
  unsigned jobs = 1;
  std::uint64_t memory_mb = 512;
  std::size_t shards = 0;
  std::string schema_file;
  std::vector<std::string> paths;
};

// The fields a --schema file declares (lisan/format/fields.h).
FieldSchema read_schema_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot read the schema " + path);
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return FieldSchema::parse(text.str());
  } catch (const InvalidArgument& e) {
    throw InvalidArgument(path + ": " + e.what());
  }
}

IndexOptions index_options_from(const IndexCommandOptions& options, bool batch_given) {
  IndexOptions index_options;
  index_options.language = language_option(options.lang);
  index_options.prune = options.prune;
  index_options.follow_symlinks = options.follow_symlinks;
  index_options.max_file_bytes = options.max_size;
  index_options.encoding = options.encoding;
  index_options.file_time_limit = options.file_time_limit;
  index_options.batch_documents = options.batch_documents;
  index_options.bulk_load = !batch_given;
  // Asked for N documents a commit: text bounds the batch only as
  // far as memory needs it.
  if (batch_given) index_options.batch_bytes = kMaxBatchBytes;
  index_options.jobs = options.jobs;
  index_options.memory_budget_bytes = options.memory_mb << 20;
  index_options.stop = &g_stop;
  if (!options.schema_file.empty()) index_options.schema = read_schema_file(options.schema_file);
  return index_options;
}

// Checks every path before the index is touched: a typo must not leave a
// new, empty index behind.
void check_paths_exist(const std::vector<std::string>& paths) {
  for (const std::string& path : paths) {
    std::error_code error;
    if (path != "-" && !std::filesystem::exists(path, error)) {
      throw IoError("cannot index " + path + ": " +
                    (error ? error.message() : "no such file or folder"));
    }
  }
}

void report_problem(const IndexProblem& p) {
  std::cerr << "lisan: " << terminal_safe(p.source) << ": " << terminal_safe(p.message) << '\n';
}

// Indexes the paths; the exit status is 128 + the signal that stopped it, else 0.
int run_index(const IndexCommandOptions& options, const IndexOptions& index_options) {
  // With a file size limit (ulimit -f) a write past it must fail
  // with EFBIG, reported as "no space", not kill the process.
  std::signal(SIGXFSZ, SIG_IGN);
  g_stop_signal = 0;
  std::signal(SIGINT, stop_indexing);
  std::signal(SIGTERM, stop_indexing);
  const std::size_t shards = options.shards > 0 ? options.shards : existing_shard_count(options.db);
  if (shards > 0) {
    print_summary(index_sharded(options.db, shards, index_options, options.paths, report_problem));
    return g_stop_signal != 0 ? 128 + g_stop_signal : 0;
  }
  Indexer indexer(options.db, index_options);
  std::optional<ProgressBar> bar;
  if (isatty(STDERR_FILENO) != 0) bar.emplace(estimate_input(options.paths));
  indexer.on_problem([&bar](const IndexProblem& p) {
    if (bar) bar->clear();
    report_problem(p);
  });
  if (bar) indexer.on_progress([&bar](const IndexProgress& p) { bar->update(p); });
  for (const std::string& path : options.paths) {
    if (g_stop_signal != 0) break;
    indexer.add_path(path);
  }
  const IndexReport report = indexer.finish();
  if (bar) bar->clear();
  print_summary(report);
  return g_stop_signal != 0 ? 128 + g_stop_signal : 0;
}

}  // namespace

Command add_index_command(CLI::App& app) {
  auto options = std::make_shared<IndexCommandOptions>();
  CLI::App* sub = app.add_subcommand("index", "Index files, folders or JSONL into an index");
  sub->add_option("--db", options->db, "Index folder (default: $LISAN_DB or ./lisan-index)")
      ->check(kIndexPath);
  sub->add_option("--lang", options->lang, "Force the language: ar, id, en (default: detect)");
  sub->add_flag("--prune", options->prune, "Remove documents whose files are gone");
  sub->add_flag("--follow-symlinks", options->follow_symlinks,
                "In folders, follow symbolic links that lead out of the folder (default: skip "
                "them)");
  sub->add_option("--max-size", options->max_size,
                  "Skip files larger than this many bytes, and cut text extracted from a file "
                  "to it (default 64 MiB)");
  sub->add_option("--encoding", options->encoding,
                  "Encoding of plain-text files, as ICU names it (e.g. windows-1256, "
                  "ISO-8859-6, windows-1252; default: UTF-8, a byte order mark's, or detected)");
  sub->add_option("--file-time-limit", options->file_time_limit,
                  "Seconds one file's text extraction may take; a PDF or EPUB past it is indexed "
                  "up to the page reached (default 60; 0: none)")
      ->check(CLI::NonNegativeNumber);
  CLI::Option* batch = sub->add_option(
      "--batch", options->batch_documents,
      "Commit after every this many documents (default: every 2 MB of text or 5000 "
      "documents), also when loading a new index (which is otherwise loaded through "
      "parallel shards and committed once at the end)");
  batch->check(CLI::PositiveNumber);
  sub->add_option("-j,--jobs", options->jobs,
                  "Threads that analyse and write a new index (one shard each)")
      ->check(CLI::Range(1u, 256u));
  sub->add_option("--memory", options->memory_mb, "Memory budget of a new index's load, in MB")
      ->check(CLI::Range(std::uint64_t{64}, std::uint64_t{1} << 20));
  sub->add_option("--shards", options->shards,
                  "Split the index into N shards by document id (default: as the index is)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{256}));
  sub->add_option("--schema", options->schema_file,
                  "A JSON file declaring the documents' fields: "
                  "{\"fields\": {\"source\": \"keyword\", \"date\": \"date\", …}}");
  sub->add_option("PATH", options->paths, "Files, folders, .jsonl files, or - for JSONL on stdin")
      ->required();
  return {sub, [options, batch] {
            const IndexOptions index_options = index_options_from(*options, batch->count() > 0);
            check_paths_exist(options->paths);
            return run_index(*options, index_options);
          }};
}

}  // namespace lisan::cli
