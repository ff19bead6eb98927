// The relevance suite (docs/RANKING.md): every judged task of the shared
// corpus, for lisan's defaults, lisan in plain BM25 order, and plain Xapian,
// all indexed from the same documents in this run. Prints one table per half
// (tuning, checking): per task MRR@10, nDCG@10, Recall@10 and Recall@100.
//
//   relevance_eval [CORPUS] [--tasks PREFIX,...] [--engines lisan,lisan-bm25,xapian]
//                  [--half tuning|checking|both] [--k1 X] [--b X] [--exact X]
//                  [--title X] [--coordination X] [--proximity X] [--question-words 0|1]
//                  [--words-first 0|1] [--typos 0|1] [--typo-weight X]
//
// CORPUS is the shared corpus folder (default: the one the build was
// configured with, ../shared/corpus). The ranking flags change the "lisan"
// engine only, for experiments; so does an engine named like
// "lisan/k1=0.6/proximity=0.2" (several such engines share one index).
// Choose constants on the tuning half.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lisan/analyzers/error.h"
#include "relevance_suite.h"

namespace {

using lisan::relevance::Half;

std::vector<std::string> split_list(const std::string& list, char separator = ',') {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at <= list.size()) {
    std::size_t comma = list.find(separator, at);
    if (comma == std::string::npos) comma = list.size();
    if (comma > at) out.push_back(list.substr(at, comma - at));
    at = comma + 1;
  }
  return out;
}

struct Config {
  std::string corpus = LISAN_SHARED_CORPUS_DIR;
  std::vector<std::string> tasks;
  std::vector<std::string> engines = {"lisan", "lisan-bm25", "xapian"};
  std::vector<Half> halves = {Half::kTuning, Half::kChecking};
  lisan::SearchOptions lisan;
};

// lisan without what it adds to BM25's order: no reordering, no bonuses.
lisan::SearchOptions plain_bm25() {
  lisan::SearchOptions options;
  options.ranking.more_words_first = false;
  options.ranking.exact_bonus = 0;
  options.ranking.coordination = 0;
  options.ranking.proximity = 0;
  return options;
}

bool parse_ranking_flag(const std::string& arg, double value, lisan::SearchOptions& o) {
  lisan::RankingOptions& r = o.ranking;
  if (arg == "--typos") {
    o.typos = value != 0;
  } else if (arg == "--typo-weight") {
    r.typo_weight = value;
  } else if (arg == "--k1") {
    r.bm25_k1 = value;
  } else if (arg == "--b") {
    r.bm25_b = value;
  } else if (arg == "--exact") {
    r.exact_bonus = value;
  } else if (arg == "--title") {
    r.title_weight = value;
  } else if (arg == "--coordination") {
    r.coordination = value;
  } else if (arg == "--proximity") {
    r.proximity = value;
  } else if (arg == "--question-words") {
    r.question_words = value != 0;
  } else if (arg == "--words-first") {
    r.more_words_first = value != 0;
  } else {
    return false;
  }
  return true;
}

bool parse_args(int argc, char** argv, Config& config) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (!arg.starts_with("--")) {
      config.corpus = arg;
      continue;
    }
    if (i + 1 >= argc) return false;
    const std::string value = argv[++i];
    if (arg == "--tasks") {
      config.tasks = split_list(value);
    } else if (arg == "--engines") {
      config.engines = split_list(value);
    } else if (arg == "--half") {
      if (value == "tuning") config.halves = {Half::kTuning};
      if (value == "checking") config.halves = {Half::kChecking};
    } else if (!parse_ranking_flag(arg, std::atof(value.c_str()), config.lisan)) {
      return false;
    }
  }
  return true;
}

// The options of engine `name`: "lisan" (the defaults, with the ranking
// flags), "lisan-bm25", or a variant of "lisan" for experiments, such as
// "lisan/k1=0.6/proximity=0.5" (each key a ranking flag without its --).
std::optional<lisan::SearchOptions> lisan_options(const std::string& name, const Config& config) {
  if (name == "lisan-bm25") return plain_bm25();
  if (name != "lisan" && !name.starts_with("lisan/")) return std::nullopt;
  lisan::SearchOptions options = config.lisan;
  for (const std::string& setting : split_list(name.substr(5), '/')) {
    const std::size_t equals = setting.find('=');
    if (equals == std::string::npos ||
        !parse_ranking_flag("--" + setting.substr(0, equals),
                            std::atof(setting.c_str() + equals + 1), options)) {
      throw lisan::InvalidArgument("unknown setting " + setting + " in " + name);
    }
  }
  return options;
}

void print_header(const std::vector<std::string>& engines) {
  std::printf("%-26s %6s", "task", "qs");
  for (const std::string& e : engines)
    std::printf(" | %-27s", (e + ": MRR nDCG R@10 R@100").c_str());
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  using namespace lisan::relevance;
  Config config;
  if (!parse_args(argc, argv, config)) {
    std::cerr << "usage: relevance_eval [CORPUS] [--tasks PREFIX,...] [--engines LIST] "
                 "[--half tuning|checking|both] [--k1 X] [--b X] [--exact X] [--title X] "
                 "[--coordination X] [--proximity X] [--question-words 0|1] "
                 "[--words-first 0|1] [--typos 0|1] [--typo-weight X]\n";
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  const std::filesystem::path work =
      std::filesystem::temp_directory_path() / ("lisan-relevance-" + std::to_string(getpid()));
  std::filesystem::create_directories(work);
  int status = 0;
  try {
    const Suite suite = load_suite(config.corpus, config.tasks);
    // engines[collection][engine]
    std::vector<std::vector<std::unique_ptr<Engine>>> engines(suite.collections.size());
    for (std::size_t c = 0; c < suite.collections.size(); ++c) {
      const Collection& collection = suite.collections[c];
      const std::string lisan_db = work / (collection.name + "-lisan");
      const std::string xapian_db = work / (collection.name + "-xapian");
      bool indexed = false;
      for (const std::string& name : config.engines) {
        if (name == "xapian") {
          engines[c].push_back(make_xapian(collection, xapian_db));
        } else if (const std::optional<lisan::SearchOptions> options =
                       lisan_options(name, config)) {
          engines[c].push_back(indexed ? make_lisan_on(lisan_db, *options)
                                       : make_lisan(collection, lisan_db, *options));
          indexed = true;
        } else {
          throw lisan::InvalidArgument("unknown engine " + name);
        }
      }
    }
    for (Half half : config.halves) {
      std::printf("\n== %s half\n", half == Half::kTuning ? "tuning" : "checking");
      print_header(config.engines);
      for (const Task& task : suite.tasks) {
        std::size_t queries = 0;
        std::string cells;
        for (const std::unique_ptr<Engine>& engine : engines[task.collection]) {
          const Metrics m = evaluate(*engine, task, half);
          queries = m.queries;
          char cell[64];
          std::snprintf(cell, sizeof cell, " | %.3f %.3f %.3f %.3f      ", m.mrr_at_10,
                        m.ndcg_at_10, m.recall_at_10, m.recall_at_100);
          cells += cell;
        }
        std::printf("%-26s %6zu%s\n", task.name.c_str(), queries, cells.c_str());
        std::fflush(stdout);
      }
    }
  } catch (const std::exception& e) {
    std::cerr << "relevance_eval: " << e.what() << '\n';
    status = 1;
  }
  std::filesystem::remove_all(work);
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("\n%.0f s\n", seconds);
  return status;
}
