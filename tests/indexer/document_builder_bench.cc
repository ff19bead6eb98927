// The indexer's hot path, one stage: building the Xapian::Document of a
// document (every term, position, value and the stored data, as the indexer
// hands it to the writer), next to Xapian's TermGenerator on the same texts
// in the same run; a table of ratios to that baseline follows Google
// Benchmark's output. A white-box benchmark of lisan::indexer, so it lives
// with the indexer's unit tests (bench/ measures through public headers).
//
//   build/tests/document_builder_bench [--benchmark_repetitions=N]
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "document_builder.h"
#include "stage_bench_support.h"

namespace {

using lisan::Language;
using lisan::bench::BM_TermGenerator;

void BM_BuildDocument(benchmark::State& state, Language lang) {
  std::vector<lisan::internal::PreparedDocument> docs;
  for (const std::string& text : lisan::bench::sample_of(lang).documents) {
    lisan::internal::PreparedDocument& doc = docs.emplace_back();
    doc.stored.id = "bench-" + std::to_string(docs.size());
    doc.stored.text = text;
    doc.language = lang;
  }
  lisan::internal::DocumentBuilder builder;
  for (auto _ : state) {
    for (const auto& doc : docs) benchmark::DoNotOptimize(builder.build(doc).termlist_count());
  }
  lisan::bench::set_bytes(state, lang);
}

LISAN_PER_LANGUAGE(BM_BuildDocument);
LISAN_PER_LANGUAGE(BM_TermGenerator);

}  // namespace

int main(int argc, char** argv) { return lisan::bench::run_with_ratio_report(argc, argv); }
