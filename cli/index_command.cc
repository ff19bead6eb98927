#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <iostream>

#include "commands.h"
#include "language_option.h"
#include "lisan/analyzers/error.h"
#include "lisan/indexer/indexer.h"
#include "lisan/indexer/shards.h"

namespace lisan::cli {
namespace {

extern "C" void stop_indexing(int) { Indexer::request_stop(); }

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
  if (r.repaired_utf8 > 0) std::cerr << ", " << r.repaired_utf8 << " repaired (invalid UTF-8)";
  std::cerr << ", " << r.seconds << " s\n";
  if (r.interrupted) std::cerr << "interrupted: the documents indexed so far are committed\n";
}

}  // namespace

Command add_index_command(CLI::App& app) {
  struct Options {
    std::string db = default_db_path();
    std::string lang;
    bool prune = false;
    std::uint64_t max_size = 64ull << 20;
    std::size_t shards = 0;
    std::vector<std::string> paths;
  };
  auto options = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("index", "Index files, folders or JSONL into an index");
  sub->add_option("--db", options->db, "Index folder (default: $LISAN_DB or ./lisan-index)");
  sub->add_option("--lang", options->lang, "Force the language: ar, id, en (default: detect)");
  sub->add_flag("--prune", options->prune, "Remove documents whose files are gone");
  sub->add_option("--max-size", options->max_size, "Skip files larger than this many bytes");
  sub->add_option("--shards", options->shards,
                  "Split the index into N shards by document id (default: as the index is)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{256}));
  sub->add_option("PATH", options->paths, "Files, folders, .jsonl files, or - for JSONL on stdin")
      ->required();
  return {sub, [options] {
            IndexOptions index_options;
            index_options.language = language_option(options->lang);
            index_options.prune = options->prune;
            index_options.max_file_bytes = options->max_size;
            // Check every path before the index is touched: a typo must not
            // leave a new, empty index behind.
            for (const std::string& path : options->paths) {
              std::error_code error;
              if (path != "-" && !std::filesystem::exists(path, error)) {
                throw IoError("cannot index " + path + ": no such file or folder");
              }
            }
            auto report_problem = [](const IndexProblem& p) {
              std::cerr << "lisan: " << p.source << ": " << p.message << '\n';
            };
            std::signal(SIGINT, stop_indexing);
            std::signal(SIGTERM, stop_indexing);
            const std::size_t shards =
                options->shards > 0 ? options->shards : existing_shard_count(options->db);
            if (shards > 0) {
              print_summary(index_sharded(options->db, shards, index_options, options->paths,
                                          report_problem));
              return 0;
            }
            Indexer indexer(options->db, index_options);
            indexer.on_problem(report_problem);
            for (const std::string& path : options->paths) indexer.add_path(path);
            print_summary(indexer.finish());
            return 0;
          }};
}

}  // namespace lisan::cli
