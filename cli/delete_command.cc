#include <filesystem>
#include <fstream>
#include <iostream>

#include "commands.h"
#include "lisan/analyzers/error.h"
#include "lisan/indexer/indexer.h"
#include "lisan/indexer/shards.h"
#include "terminal_text.h"

namespace lisan::cli {
namespace {

struct DeleteOptions {
  std::string db = default_db_path();
  std::vector<std::string> ids;
  std::string ids_file;  // one id a line; "-": standard input
};

// Ids one a line, blank lines skipped (a trailing CR too: files from Windows).
void read_ids(std::istream& in, std::vector<std::string>& ids) {
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") != std::string::npos) ids.push_back(line);
  }
}

std::vector<std::string> all_ids(const DeleteOptions& options) {
  std::vector<std::string> ids = options.ids;
  if (options.ids_file == "-") {
    read_ids(std::cin, ids);
  } else if (!options.ids_file.empty()) {
    std::ifstream in(options.ids_file, std::ios::binary);
    if (!in) throw IoError("cannot read " + options.ids_file);
    read_ids(in, ids);
  }
  if (ids.empty()) throw InvalidArgument("no id to delete (give IDs, or --ids-from FILE)");
  return ids;
}

// Deletes the ids `index` holds (of a sharded index: those of its shard).
void delete_from(const std::string& db, const std::vector<std::string>& ids,
                 const IndexOptions& index_options, IndexReport& total) {
  Indexer indexer(db, index_options);
  for (const std::string& id : ids) {
    if (index_options.shard_count > 1 &&
        shard_of(id, index_options.shard_count) != index_options.shard) {
      continue;
    }
    if (!indexer.remove(id)) std::cerr << "lisan: " << terminal_safe(id) << ": not in the index\n";
  }
  const IndexReport report = indexer.finish();
  total.deleted += report.deleted;
  total.not_found += report.not_found;
}

int run_delete(const DeleteOptions& options) {
  const std::vector<std::string> ids = all_ids(options);
  // An Indexer creates a missing index; deleting must not.
  if (std::error_code error; !std::filesystem::exists(options.db, error)) {
    throw IndexError("no index at " + options.db);
  }
  IndexOptions index_options;
  index_options.bulk_load = false;
  IndexReport total;
  const std::size_t shards = existing_shard_count(options.db);
  if (shards == 0) {
    delete_from(options.db, ids, index_options, total);
  } else {
    const std::vector<std::string> paths = shard_paths(options.db, shards);
    index_options.shard_count = shards;
    for (std::size_t shard = 0; shard < shards; ++shard) {
      index_options.shard = shard;
      delete_from(paths[shard], ids, index_options, total);
    }
  }
  std::cerr << "deleted: " << total.deleted << " (" << total.not_found
            << " id(s) not in the index)\n";
  return 0;
}

}  // namespace

Command add_delete_command(CLI::App& app) {
  auto options = std::make_shared<DeleteOptions>();
  CLI::App* sub = app.add_subcommand("delete", "Delete documents from an index by id");
  sub->add_option("--db", options->db, "Index folder (default: $LISAN_DB or ./lisan-index)")
      ->check(kIndexPath);
  sub->add_option("--ids-from", options->ids_file,
                  "Read ids from this file, one a line (- for standard input)");
  sub->add_option("ID", options->ids, "Ids of the documents to delete");
  return {sub, [options] { return run_delete(*options); }};
}

}  // namespace lisan::cli
