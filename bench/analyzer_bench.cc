// Analyzer throughput per language, with Xapian's TermGenerator on the same
// text and the same Snowball stemmer as the baseline in the same run.
//
//   build/bench/analyzer_bench [--benchmark_filter=...]
// Texts: the bundled seed documents (corpus/), concatenated per language.
// LISAN_BENCH_CORPUS=DIR uses the *.txt files of another folder instead.
#include <benchmark/benchmark.h>
#include <xapian.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "lisan/analyzers/analyzer.h"
#include "lisan/analyzers/language_detector.h"
#include "lisan/analyzers/normalizer.h"

namespace {

using lisan::Language;

const std::map<Language, std::string>& texts() {
  static const std::map<Language, std::string> by_language = [] {
    std::map<Language, std::string> out;
    const char* env = std::getenv("LISAN_BENCH_CORPUS");
    const std::filesystem::path folder = env != nullptr ? env : LISAN_CORPUS_DIR;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
      if (entry.path().extension() != ".txt") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      const std::string text = buffer.str();
      out[lisan::detect_language(text)] += text + "\n";
    }
    // Repeat small samples so that one iteration is long enough to time.
    for (auto& [lang, text] : out) {
      const std::string once = text;
      while (text.size() < 64 * 1024) text += once;
    }
    return out;
  }();
  return by_language;
}

const char* snowball_name(Language lang) {
  switch (lang) {
    case Language::kArabic:
      return "arabic";
    case Language::kIndonesian:
      return "indonesian";
    case Language::kEnglish:
      return "english";
    default:
      return "none";
  }
}

void BM_Analyzer(benchmark::State& state, Language lang) {
  const std::string& text = texts().at(lang);
  lisan::AnalysisContext context;
  for (auto _ : state) {
    lisan::TokenStream tokens = context.analyze(text, lang);
    std::size_t count = 0;
    while (const lisan::Token* t = tokens.next()) count += t->stem.size();
    benchmark::DoNotOptimize(count);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void BM_TermGenerator(benchmark::State& state, Language lang) {
  const std::string& text = texts().at(lang);
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem(snowball_name(lang)));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  for (auto _ : state) {
    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(text);
    benchmark::DoNotOptimize(doc.termlist_count());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void BM_Normalize(benchmark::State& state, Language lang) {
  const std::string& text = texts().at(lang);
  std::string out;
  for (auto _ : state) {
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find(' ', start);
      if (end == std::string::npos) end = text.size();
      lisan::normalize_word(std::string_view(text).substr(start, end - start), out);
      benchmark::DoNotOptimize(out.data());
      start = end + 1;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void BM_DetectLanguage(benchmark::State& state, Language lang) {
  const std::string& text = texts().at(lang);
  const std::string_view sample = std::string_view(text).substr(0, 4096);
  for (auto _ : state) benchmark::DoNotOptimize(lisan::detect_language(sample));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * sample.size()));
}

BENCHMARK_CAPTURE(BM_Analyzer, ar, Language::kArabic);
BENCHMARK_CAPTURE(BM_TermGenerator, ar, Language::kArabic);
BENCHMARK_CAPTURE(BM_Analyzer, id, Language::kIndonesian);
BENCHMARK_CAPTURE(BM_TermGenerator, id, Language::kIndonesian);
BENCHMARK_CAPTURE(BM_Analyzer, en, Language::kEnglish);
BENCHMARK_CAPTURE(BM_TermGenerator, en, Language::kEnglish);
BENCHMARK_CAPTURE(BM_Normalize, ar, Language::kArabic);
BENCHMARK_CAPTURE(BM_Normalize, id, Language::kIndonesian);
BENCHMARK_CAPTURE(BM_Normalize, en, Language::kEnglish);
BENCHMARK_CAPTURE(BM_DetectLanguage, ar, Language::kArabic);
BENCHMARK_CAPTURE(BM_DetectLanguage, id, Language::kIndonesian);
BENCHMARK_CAPTURE(BM_DetectLanguage, en, Language::kEnglish);

}  // namespace

BENCHMARK_MAIN();
