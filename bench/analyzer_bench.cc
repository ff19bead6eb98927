// Analysis throughput per language and per stage, with Xapian's TermGenerator
// on the same text and the same Snowball stemmer as the baseline in the same
// run; a table of ratios to that baseline follows Google Benchmark's output.
//
//   build/bench/analyzer_bench [--benchmark_filter=...] [--benchmark_repetitions=N]
//
// Stages: segmentation (ICU word breaks on UTF-8), normalization
// (NFKC_Casefold + Arabic folding), stemming without and with lisan's cache,
// and the whole analyzer; building the Xapian document is the indexer's
// (tests/indexer/document_builder_bench.cc). The analyzer and TermGenerator
// stages run document by document. Texts and baseline: stage_bench_support.h.
#include <benchmark/benchmark.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>
#include <xapian.h>

#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lisan/analyzers/analyzer.h"
#include "lisan/analyzers/language_detector.h"
#include "lisan/analyzers/normalizer.h"
#include "lisan/analyzers/utf8.h"
#include "stage_bench_support.h"

namespace {

using lisan::Language;
using lisan::bench::BM_TermGenerator;
using lisan::bench::sample_of;
using lisan::bench::set_bytes;
using lisan::bench::text_of;

// The word segments of a text, as the analyzer's segmentation stage finds them.
std::vector<std::string_view> segment(const std::string& text) {
  std::vector<std::string_view> words;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  it->setText(utext, status);
  std::int32_t begin = it->first();
  for (std::int32_t end = it->next(); end != icu::BreakIterator::DONE; end = it->next()) {
    if (it->getRuleStatus() >= UBRK_WORD_NONE_LIMIT) {
      words.push_back(std::string_view(text).substr(static_cast<std::size_t>(begin),
                                                    static_cast<std::size_t>(end - begin)));
    }
    begin = end;
  }
  utext_close(utext);
  return words;
}

// Normalized words (teh marbuta kept, as the stemmer receives them).
const std::vector<std::string>& normalized_words(Language lang) {
  static std::map<Language, std::vector<std::string>> cache;
  auto [it, inserted] = cache.try_emplace(lang);
  if (inserted) {
    std::string out;
    for (std::string_view word : segment(text_of(lang))) {
      lisan::normalize_word(word, out, lisan::TehMarbuta::kKeep);
      if (!out.empty()) it->second.push_back(out);
    }
  }
  return it->second;
}

void BM_Segment(benchmark::State& state, Language lang) {
  const std::string& text = text_of(lang);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  UText utext = UTEXT_INITIALIZER;
  for (auto _ : state) {
    utext_openUTF8(&utext, text.data(), static_cast<int64_t>(text.size()), &status);
    it->setText(&utext, status);
    std::size_t words = 0;
    it->first();
    while (it->next() != icu::BreakIterator::DONE)
      words += it->getRuleStatus() >= UBRK_WORD_NONE_LIMIT;
    benchmark::DoNotOptimize(words);
  }
  utext_close(&utext);
  set_bytes(state, lang);
}

void BM_Normalize(benchmark::State& state, Language lang) {
  const std::vector<std::string_view> words = segment(text_of(lang));
  std::string out;
  for (auto _ : state) {
    for (std::string_view word : words) {
      lisan::normalize_word(word, out, lisan::TehMarbuta::kKeep);
      benchmark::DoNotOptimize(out.data());
    }
  }
  set_bytes(state, lang);
}

// Every document's text is checked and copied once (the indexer keeps a
// repaired copy); JSONL text is valid, so this is the valid-text path.
void BM_RepairUtf8(benchmark::State& state, Language lang) {
  const std::string& text = text_of(lang);
  for (auto _ : state) {
    std::string repaired = lisan::repair_utf8(text);
    benchmark::DoNotOptimize(repaired.data());
  }
  set_bytes(state, lang);
}

void BM_StemUncached(benchmark::State& state, Language lang) {
  const std::vector<std::string>& words = normalized_words(lang);
  Xapian::Stem stemmer(lisan::snowball_name(lang));
  for (auto _ : state) {
    for (const std::string& word : words) benchmark::DoNotOptimize(stemmer(word));
  }
  set_bytes(state, lang);
}

void BM_StemCached(benchmark::State& state, Language lang) {
  const std::vector<std::string>& words = normalized_words(lang);
  lisan::AnalysisContext context;  // its stemmers are lisan's cached ones
  for (auto _ : state) {
    for (const std::string& word : words) benchmark::DoNotOptimize(context.stem(word, lang).data());
  }
  set_bytes(state, lang);
}

void BM_Analyzer(benchmark::State& state, Language lang) {
  lisan::AnalysisContext context;
  for (auto _ : state) {
    for (const std::string& text : sample_of(lang).documents) {
      lisan::TokenStream tokens = context.analyze(text, lang);
      std::size_t count = 0;
      while (const lisan::Token* t = tokens.next()) count += t->stem.size();
      benchmark::DoNotOptimize(count);
    }
  }
  set_bytes(state, lang);
}

void BM_DetectLanguage(benchmark::State& state, Language lang) {
  const std::string_view sample = std::string_view(text_of(lang)).substr(0, 4096);
  for (auto _ : state) benchmark::DoNotOptimize(lisan::detect_language(sample));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * sample.size()));
}

LISAN_PER_LANGUAGE(BM_Segment);
LISAN_PER_LANGUAGE(BM_Normalize);
LISAN_PER_LANGUAGE(BM_RepairUtf8);
LISAN_PER_LANGUAGE(BM_StemUncached);
LISAN_PER_LANGUAGE(BM_StemCached);
LISAN_PER_LANGUAGE(BM_Analyzer);
LISAN_PER_LANGUAGE(BM_TermGenerator);
LISAN_PER_LANGUAGE(BM_DetectLanguage);

}  // namespace

int main(int argc, char** argv) { return lisan::bench::run_with_ratio_report(argc, argv); }
