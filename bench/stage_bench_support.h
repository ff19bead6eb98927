// What the per-stage benchmarks share (analyzer_bench, the indexer's
// document_builder_bench): their texts, their baseline and its report.
//
// Texts: 512 KB per language from the shared bench corpus
// when it is there (LISAN_SHARED_CORPUS_DIR/bench), else the seed documents
// (corpus/) repeated; LISAN_BENCH_CORPUS=DIR takes the *.jsonl[.gz] (or
// *.txt) files of DIR. Loaded once, on first use.
#pragma once

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "lisan/analyzers/language.h"

namespace lisan::bench {

// A language's sample: real documents, and the same bytes as one text for
// the stages that do not care about document boundaries.
struct Sample {
  std::vector<std::string> documents;
  std::string text;       // the documents, a newline after each
  std::size_t bytes = 0;  // of the documents alone: what every stage reports
};

// The sample of `lang` (of its documents, Arabic, Indonesian or English).
const Sample& sample_of(Language lang);

// The sample's documents as one text.
const std::string& text_of(Language lang);

// Reports the sample's bytes for each iteration (Google Benchmark's MB/s).
void set_bytes(benchmark::State& state, Language lang);

// The baseline: Xapian's own analysis of each document of the sample into a
// Xapian::Document (TermGenerator, STEM_SOME: every word with positions plus
// a Z stem), with the same Snowball stemmer as lisan's.
void BM_TermGenerator(benchmark::State& state, Language lang);

// Prints Google Benchmark's usual lines, then each benchmark's throughput as
// a ratio to BM_TermGenerator on the same language (medians when repeated).
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.error_occurred) continue;
      const bool repeated = run.repetitions > 1;
      const bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
      if ((repeated && !median) || (!repeated && run.run_type != Run::RT_Iteration)) continue;
      const auto rate = run.counters.find("bytes_per_second");
      if (rate == run.counters.end()) continue;
      std::string name = run.run_name.function_name;  // "BM_Segment/ar"
      if (!run.run_name.args.empty()) name += "/" + run.run_name.args;
      rates_[name] = rate->second.value;
    }
  }

  void Finalize() override {
    ConsoleReporter::Finalize();
    std::cout << "\nMB/s and ratio to TermGenerator (same language, same run):\n";
    for (const char* lang : {"ar", "id", "en"}) {
      const auto baseline = rates_.find(std::string("BM_TermGenerator/") + lang);
      if (baseline == rates_.end()) continue;
      for (const auto& [name, rate] : rates_) {
        if (!name.ends_with(std::string("/") + lang)) continue;
        std::printf("  %-22s %9.1f MB/s  %6.2fx\n", name.c_str(), rate / 1e6,
                    rate / baseline->second);
      }
    }
  }

 private:
  std::map<std::string, double> rates_;
};

// Runs the registered benchmarks with RatioReporter (Google Benchmark's
// flags apply); the exit status of a benchmark program's main.
int run_with_ratio_report(int argc, char** argv);

}  // namespace lisan::bench

// Registers `bm` once per language, named bm/ar, bm/id and bm/en.
#define LISAN_PER_LANGUAGE(bm)                               \
  BENCHMARK_CAPTURE(bm, ar, ::lisan::Language::kArabic);     \
  BENCHMARK_CAPTURE(bm, id, ::lisan::Language::kIndonesian); \
  BENCHMARK_CAPTURE(bm, en, ::lisan::Language::kEnglish)
