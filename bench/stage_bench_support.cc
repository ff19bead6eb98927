#include "stage_bench_support.h"

#include <xapian.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "jsonl_corpus.h"
#include "lisan/analyzers/language_detector.h"

namespace lisan::bench {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kSampleBytes = 512 * 1024;

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
    JsonlCorpus corpus({path});
    while (std::optional<CorpusRecord> record = corpus.next()) {
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

}  // namespace

const Sample& sample_of(Language lang) {
  static const std::map<Language, Sample> samples = load_texts();
  return samples.at(lang);
}

const std::string& text_of(Language lang) { return sample_of(lang).text; }

void set_bytes(benchmark::State& state, Language lang) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * sample_of(lang).bytes));
}

void BM_TermGenerator(benchmark::State& state, Language lang) {
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem(snowball_name(lang)));
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

int run_with_ratio_report(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}

}  // namespace lisan::bench
