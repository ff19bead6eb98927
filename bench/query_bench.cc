// Query latency on an index that already exists (no indexing), through
// lisan::Searcher exactly as `lisan search` runs it, with the time of each
// stage of the search (SearchTimings) so that the figures say where it goes.
//
//   query_bench --db DIR [--rounds N] [--variants LIST] [--raw FILE]
//     --db DIR        the index (e.g. one `lisan index` built from ../shared/corpus/bench)
//     --rounds N      timed rounds over all queries, after one warm-up round (20)
//     --variants LIST comma-separated search settings, run in turn for each query so that
//                     they share the machine's load: default, no-snippets, no-expansion,
//                     no-suggest, no-typos, bm25-order (no second phase), words-first (the
//                     former default, more words first); on an index of bench/field_bench
//                     also filter (source:source-3), range (date:2018..2020), sort-date
//                     (newest first), facet (source) (default: default)
//     --raw FILE      also append every query as "variant<TAB>set<TAB>query<TAB>ms<TAB>cpu ms"
//                     (to pool interleaved runs of two builds)
//
// Prints p50/p95/p99 of the wall time and of the thread's CPU time per variant for the one- and
// two-word queries of bench_queries.h and the same with one word misspelled each (typo_queries.h),
// then each query's first search (before the Searcher caches the neighbours of unknown words),
// then the median and p95 of each stage for each variant.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "bench_queries.h"
#include "lisan/analyzers/error.h"
#include "lisan/searcher/searcher.h"
#include "percentile.h"
#include "typo_queries.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Variant {
  std::string name;
  lisan::SearchOptions options;
};

std::optional<Variant> make_variant(const std::string& name) {
  Variant v{name, {}};
  if (name == "default") return v;
  if (name == "no-snippets") {
    v.options.snippets = false;
  } else if (name == "no-expansion") {
    v.options.translate = false;
    v.options.transliterate = false;
  } else if (name == "no-suggest") {
    v.options.suggest = false;
  } else if (name == "no-typos") {
    v.options.typos = false;
  } else if (name == "bm25-order") {
    v.options.ranking.more_words_first = false;
    v.options.ranking.coordination = 0;
    v.options.ranking.proximity = 0;
  } else if (name == "words-first") {
    v.options.ranking.more_words_first = true;
  } else if (name == "filter") {  // the fields of bench/field_bench's index
    v.options.filters = {"source:source-3"};
  } else if (name == "range") {
    v.options.filters = {"date:2018..2020"};
  } else if (name == "sort-date") {
    v.options.sort = lisan::SortOrder{"date", true};
  } else if (name == "facet") {
    v.options.facets = {"source"};
  } else {
    return std::nullopt;
  }
  return v;
}

using QuerySet = std::pair<const char*, std::vector<std::string>>;

// The bench queries, and the same with one word misspelled each (the typo
// tasks' misspeller, bench/typo_queries.h): typo tolerance's cost.
std::vector<QuerySet> query_sets() {
  std::vector<QuerySet> sets = {
      {"one word",
       {std::begin(lisan::bench::kOneWordQueries), std::end(lisan::bench::kOneWordQueries)}},
      {"two words",
       {std::begin(lisan::bench::kTwoWordQueries), std::end(lisan::bench::kTwoWordQueries)}}};
  lisan::AnalysisContext analysis;
  const char* const typo_names[] = {"typo one word", "typo two words"};
  for (std::size_t k = 0; k < 2; ++k) {
    QuerySet typos{typo_names[k], {}};
    for (const std::string& q : sets[k].second) {
      std::uint64_t seed = 0xcbf29ce484222325ull;  // FNV-1a: the same queries everywhere
      for (char c : q) seed = (seed ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
      if (auto m = lisan::relevance::misspell(q, seed, analysis)) typos.second.push_back(m->query);
    }
    sets.push_back(std::move(typos));
  }
  return sets;
}

double milliseconds(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

// The stages of SearchTimings, named for the report.
const std::pair<const char*, Clock::duration lisan::SearchTimings::*> kStages[] = {
    {"build query", &lisan::SearchTimings::build_query},
    {"spelling", &lisan::SearchTimings::spelling},
    {"match+facets", &lisan::SearchTimings::match},
    {"order", &lisan::SearchTimings::order},
    {"documents", &lisan::SearchTimings::documents},
    {"snippets", &lisan::SearchTimings::snippets},
};

struct Samples {
  std::vector<double> total_ms;
  std::vector<double> cpu_ms;
  std::vector<std::vector<double>> stage_ms = std::vector<std::vector<double>>(std::size(kStages));
  std::uint64_t hits = 0;
};

// CPU time of this thread: what a query costs, whatever else the machine runs.
Clock::duration thread_cpu_time() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
}

double load_average() {
  std::ifstream in("/proc/loadavg");
  double one_minute = 0;
  in >> one_minute;
  return one_minute;
}

int usage(const char* message) {
  std::fprintf(
      stderr,
      "query_bench: %s\nusage: query_bench --db DIR [--rounds N] "
      "[--variants default,no-snippets,no-expansion,no-suggest,no-typos,bm25-order,words-first,"
      "filter,range,sort-date,facet] "
      "[--raw FILE]\n",
      message);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db;
  int rounds = 20;
  std::vector<Variant> variants;
  std::string raw_path;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--db" && has_value) {
      db = argv[++i];
    } else if (arg == "--rounds" && has_value) {
      rounds = std::atoi(argv[++i]);
      if (rounds < 1) return usage("--rounds wants a positive number");
    } else if (arg == "--variants" && has_value) {
      std::string list = argv[++i];
      std::size_t at = 0;
      while (at <= list.size()) {
        std::size_t comma = list.find(',', at);
        if (comma == std::string::npos) comma = list.size();
        std::optional<Variant> v = make_variant(list.substr(at, comma - at));
        if (!v) return usage(("unknown variant " + list.substr(at, comma - at)).c_str());
        variants.push_back(std::move(*v));
        at = comma + 1;
      }
    } else if (arg == "--raw" && has_value) {
      raw_path = argv[++i];
    } else {
      return usage(("unknown argument " + arg).c_str());
    }
  }
  if (db.empty()) return usage("--db is required");
  if (variants.empty()) variants.push_back(*make_variant("default"));

  std::ofstream raw;
  if (!raw_path.empty()) raw.open(raw_path, std::ios::app);
  try {
    lisan::Searcher searcher({db});
    const std::vector<QuerySet> sets = query_sets();
    // samples[variant][set]; first[variant][set]: each query's first search,
    // before the Searcher has cached the neighbours of its unknown words.
    std::vector<std::vector<Samples>> samples(variants.size(), std::vector<Samples>(sets.size()));
    std::vector<std::vector<Samples>> first = samples;
    const double load_before = load_average();
    for (std::size_t s = 0; s < sets.size(); ++s) {  // warm the cache first
      for (const std::string& q : sets[s].second) {
        for (std::size_t v = 0; v < variants.size(); ++v) {
          const Clock::time_point start = Clock::now();
          searcher.search(q, variants[v].options);
          first[v][s].total_ms.push_back(milliseconds(Clock::now() - start));
        }
      }
    }
    for (int round = 0; round < rounds; ++round) {
      for (std::size_t s = 0; s < sets.size(); ++s) {
        for (const std::string& q : sets[s].second) {
          for (std::size_t v = 0; v < variants.size(); ++v) {
            const Clock::duration cpu_start = thread_cpu_time();
            const Clock::time_point start = Clock::now();
            const lisan::SearchResults found = searcher.search(q, variants[v].options);
            const double ms = milliseconds(Clock::now() - start);
            const double cpu_ms = milliseconds(thread_cpu_time() - cpu_start);
            Samples& into = samples[v][s];
            into.total_ms.push_back(ms);
            into.cpu_ms.push_back(cpu_ms);
            into.hits += found.hits.size();
            if (raw.is_open()) {
              raw << variants[v].name << '\t' << sets[s].first << '\t' << q << '\t' << ms << '\t'
                  << cpu_ms << '\n';
            }
          }
        }
      }
    }
    // The stage breakdown comes from one more round with explain on, kept
    // out of the timed rounds: explaining adds the matched terms of each
    // hit (charged to "documents").
    for (std::size_t s = 0; s < sets.size(); ++s) {
      for (const std::string& q : sets[s].second) {
        for (std::size_t v = 0; v < variants.size(); ++v) {
          lisan::SearchOptions explained = variants[v].options;
          explained.explain = true;
          const lisan::SearchTimings timings = searcher.search(q, explained).explanation->timings;
          for (std::size_t k = 0; k < std::size(kStages); ++k) {
            samples[v][s].stage_ms[k].push_back(milliseconds(timings.*kStages[k].second));
          }
        }
      }
    }
    const double load_after = load_average();

    std::printf("index %s, %d rounds, load average (1 min) %.2f before, %.2f after\n\n", db.c_str(),
                rounds, load_before, load_after);
    std::printf("%-14s %-10s %7s %8s %8s %8s %8s %8s %8s %10s\n", "variant", "queries", "samples",
                "p50 ms", "p95 ms", "p99 ms", "cpu p50", "cpu p95", "cpu p99", "hits/query");
    for (std::size_t v = 0; v < variants.size(); ++v) {
      for (std::size_t s = 0; s < sets.size(); ++s) {
        const Samples& x = samples[v][s];
        std::printf(
            "%-14s %-16s %7zu %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f %10.1f\n",
            variants[v].name.c_str(), sets[s].first, x.total_ms.size(),
            lisan::bench::percentile(x.total_ms, 0.50), lisan::bench::percentile(x.total_ms, 0.95),
            lisan::bench::percentile(x.total_ms, 0.99), lisan::bench::percentile(x.cpu_ms, 0.50),
            lisan::bench::percentile(x.cpu_ms, 0.95), lisan::bench::percentile(x.cpu_ms, 0.99),
            static_cast<double>(x.hits) / static_cast<double>(x.total_ms.size()));
      }
    }
    std::printf("\nfirst search of each query (nothing cached), p50 / p95 ms:\n");
    for (std::size_t v = 0; v < variants.size(); ++v) {
      for (std::size_t s = 0; s < sets.size(); ++s) {
        const std::vector<double>& x = first[v][s].total_ms;
        std::printf("%-14s %-16s %8.3f %8.3f\n", variants[v].name.c_str(), sets[s].first,
                    lisan::bench::percentile(x, 0.50), lisan::bench::percentile(x, 0.95));
      }
    }
    std::printf("\nstages, median / p95 ms:\n%-14s %-10s", "variant", "queries");
    for (const auto& stage : kStages) std::printf(" %17s", stage.first);
    std::printf("\n");
    for (std::size_t v = 0; v < variants.size(); ++v) {
      for (std::size_t s = 0; s < sets.size(); ++s) {
        std::printf("%-14s %-10s", variants[v].name.c_str(), sets[s].first);
        for (const std::vector<double>& stage : samples[v][s].stage_ms) {
          std::printf("   %6.3f / %6.3f", lisan::bench::percentile(stage, 0.50),
                      lisan::bench::percentile(stage, 0.95));
        }
        std::printf("\n");
      }
    }
  } catch (const lisan::Error& e) {
    std::fprintf(stderr, "query_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
