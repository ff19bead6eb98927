// Analysis throughput per language and per stage, with Xapian's TermGenerator
// on the same text and the same Snowball stemmer as the baseline in the same
// run; a table of ratios to that baseline follows Google Benchmark's output.
//
//   build/bench/analyzer_bench [--benchmark_filter=...] [--benchmark_repetitions=N]
//
// Stages: segmentation (ICU word breaks on UTF-8), normalization
// (NFKC_Casefold + Arabic folding), stemming without and with lisan's cache,
// the whole analyzer, and building one Xapian document by lisan's schema.
// The analyzer, document and TermGenerator stages run document by document.
// Texts: 512 KB per language from the shared bench corpus when it is there
// (LISAN_SHARED_CORPUS_DIR/bench), else the seed documents (corpus/) repeated;
// LISAN_BENCH_CORPUS=DIR takes the *.jsonl[.gz] (or *.txt) files of DIR.
#include <benchmark/benchmark.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>
#include <xapian.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "document_builder.h"
#include "jsonl_corpus.h"
#include "lisan/analyzers/analyzer.h"
#include "lisan/analyzers/language_detector.h"
#include "lisan/analyzers/normalizer.h"
#include "lisan/analyzers/utf8.h"
#include "stemmer.h"

namespace {

using lisan::Language;
namespace fs = std::filesystem;

constexpr std::size_t kSampleBytes = 512 * 1024;

// A language's sample: real documents, and the same bytes as one text for
// the stages that do not care about document boundaries.
struct Sample {
  std::vector<std::string> documents;
  std::string text;       // the documents, a newline after each
  std::size_t bytes = 0;  // of the documents alone: what every stage reports
};

void add_text(std::map<Language, Sample>& out, Language lang, const std::string& text) {
  Sample& sample = out[lang];
  if (sample.text.size() >= kSampleBytes) return;
  sample.documents.push_back(text);
  sample.text.append(text).append("\n");
  sample.bytes += text.size();
}

std::map<Language, Sample> load_texts() {
  std::map<Language, Sample> out;
  fs::path folder = fs::path(LISAN_SHARED_CORPUS_DIR) / "bench";
  if (const char* env = std::getenv("LISAN_BENCH_CORPUS")) folder = env;
  std::vector<std::string> jsonl;
  std::error_code error;
  if (fs::is_directory(folder, error)) {
    for (const auto& entry : fs::directory_iterator(folder)) {
      const std::string name = entry.path().filename().string();
      if (name.ends_with(".jsonl") || name.ends_with(".jsonl.gz")) {
        jsonl.push_back(entry.path().string());
      } else if (name.ends_with(".txt")) {
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream buffer;
        buffer << in.rdbuf();
        add_text(out, lisan::detect_language(buffer.str()), buffer.str());
      }
    }
  }
  for (const std::string& path : jsonl) {
    lisan::bench::JsonlCorpus corpus({path});
    while (std::optional<lisan::bench::CorpusRecord> record = corpus.next()) {
      const Language lang =
          lisan::parse_language(record->lang).value_or(lisan::detect_language(record->text));
      if (out[lang].text.size() >= kSampleBytes) break;
      add_text(out, lang, record->text);
    }
  }
  if (out.empty()) {  // no shared corpus: the bundled seed documents
    for (const auto& entry : fs::directory_iterator(LISAN_CORPUS_DIR)) {
      if (entry.path().extension() != ".txt") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      add_text(out, lisan::detect_language(buffer.str()), buffer.str());
    }
    for (auto& [lang, sample] : out) {
      const std::vector<std::string> once = sample.documents;
      while (sample.text.size() < 64 * 1024) {
        for (const std::string& doc : once) add_text(out, lang, doc);
      }
    }
  }
  return out;
}

const Sample& sample_of(Language lang) {
  static const std::map<Language, Sample> samples = load_texts();
  return samples.at(lang);
}

const std::string& text_of(Language lang) { return sample_of(lang).text; }

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

void set_bytes(benchmark::State& state, Language lang) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * sample_of(lang).bytes));
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
  Xapian::Stem stemmer(lisan::internal::snowball_name(lang));
  for (auto _ : state) {
    for (const std::string& word : words) benchmark::DoNotOptimize(stemmer(word));
  }
  set_bytes(state, lang);
}

void BM_StemCached(benchmark::State& state, Language lang) {
  const std::vector<std::string>& words = normalized_words(lang);
  lisan::internal::CachedStemmer stemmer(lang);
  for (auto _ : state) {
    for (const std::string& word : words) benchmark::DoNotOptimize(stemmer.stem(word).data());
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

// One Xapian::Document with every term, position, value and the stored data,
// as the indexer hands it to the writer.
void BM_BuildDocument(benchmark::State& state, Language lang) {
  std::vector<lisan::internal::PreparedDocument> docs;
  for (const std::string& text : sample_of(lang).documents) {
    lisan::internal::PreparedDocument& doc = docs.emplace_back();
    doc.stored.id = "bench-" + std::to_string(docs.size());
    doc.stored.text = text;
    doc.language = lang;
  }
  lisan::internal::DocumentBuilder builder;
  for (auto _ : state) {
    for (const auto& doc : docs) benchmark::DoNotOptimize(builder.build(doc).termlist_count());
  }
  set_bytes(state, lang);
}

// The baseline: Xapian's own analysis into a Xapian::Document (STEM_SOME:
// every word with positions plus a Z stem), the same Snowball stemmer.
void BM_TermGenerator(benchmark::State& state, Language lang) {
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem(lisan::internal::snowball_name(lang)));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  for (auto _ : state) {
    for (const std::string& text : sample_of(lang).documents) {
      Xapian::Document doc;
      generator.set_document(doc);
      generator.index_text(text);
      benchmark::DoNotOptimize(doc.termlist_count());
    }
  }
  set_bytes(state, lang);
}

void BM_DetectLanguage(benchmark::State& state, Language lang) {
  const std::string_view sample = std::string_view(text_of(lang)).substr(0, 4096);
  for (auto _ : state) benchmark::DoNotOptimize(lisan::detect_language(sample));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * sample.size()));
}

#define LISAN_PER_LANGUAGE(bm)                      \
  BENCHMARK_CAPTURE(bm, ar, Language::kArabic);     \
  BENCHMARK_CAPTURE(bm, id, Language::kIndonesian); \
  BENCHMARK_CAPTURE(bm, en, Language::kEnglish)

LISAN_PER_LANGUAGE(BM_Segment);
LISAN_PER_LANGUAGE(BM_Normalize);
LISAN_PER_LANGUAGE(BM_RepairUtf8);
LISAN_PER_LANGUAGE(BM_StemUncached);
LISAN_PER_LANGUAGE(BM_StemCached);
LISAN_PER_LANGUAGE(BM_Analyzer);
LISAN_PER_LANGUAGE(BM_BuildDocument);
LISAN_PER_LANGUAGE(BM_TermGenerator);
LISAN_PER_LANGUAGE(BM_DetectLanguage);

// Prints Google Benchmark's usual lines, then each stage's throughput as a
// ratio to BM_TermGenerator on the same language (medians when repeated).
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

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
