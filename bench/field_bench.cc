// Indexing throughput with fields against without, on the bench corpus with
// generated fields (a date, a source and a number on every document), and
// the index with fields that `query_bench --variants` measures filters,
// ranges, sorts and facets on.
//
//   field_bench --corpus DIR --out DIR [--docs N] [--rounds N]
//     --corpus DIR  the bench corpus (../shared/corpus/bench: *.jsonl.gz)
//     --out DIR     where the indexes go (OUT/plain, OUT/fields; removed first)
//     --docs N      documents taken from the corpus (default 30000)
//     --rounds N    indexing runs of each kind, alternated; the fastest is kept (default 2)
//
// Then: query_bench --db OUT/fields --variants default,filter,range,sort-date,facet
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "jsonl_corpus.h"
#include "lisan/indexer/indexer.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Settings {
  std::string corpus;
  std::string out;
  std::size_t docs = 30000;
  int rounds = 2;
};

// FNV-1a 64 of `text`: a hash that is the same on every machine.
std::uint64_t fnv1a(const std::string& text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return hash;
}

// Deterministic fields from the id: a date in 2015–2024, one of 20 sources, a number below 1000.
lisan::FieldValues generated_fields(const std::string& id) {
  const std::uint64_t hash = fnv1a(id);
  const long day = static_cast<long>(hash % 3650);
  char date[16];
  const int year = 2015 + static_cast<int>(day / 365);
  const int day_of_year = static_cast<int>(day % 365);
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, 1 + day_of_year / 31 % 12,
                1 + day_of_year % 28);
  return {{"date", {date}},
          {"source", {"source-" + std::to_string((hash >> 16) % 20)}},
          {"price", {std::to_string((hash >> 32) % 1000)}}};
}

std::vector<lisan::SourceDocument> read_corpus(const Settings& settings) {
  std::vector<std::string> paths;
  for (const fs::directory_entry& entry : fs::directory_iterator(settings.corpus)) {
    if (entry.path().string().find(".jsonl") != std::string::npos) paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  // Round-robin over the files would need one reader each; the first N of
  // each file in turn keeps all three languages in.
  std::vector<lisan::SourceDocument> docs;
  const std::size_t per_file = settings.docs / std::max<std::size_t>(paths.size(), 1);
  for (const std::string& path : paths) {
    lisan::bench::JsonlCorpus one({path});
    for (std::size_t i = 0; i < per_file; ++i) {
      std::optional<lisan::bench::CorpusRecord> record = one.next();
      if (!record) break;
      docs.push_back({.id = record->id,
                      .text = record->text,
                      .title = record->title,
                      .url = {},
                      .language = {},
                      .fields = {}});
    }
  }
  return docs;
}

double index_seconds(const std::vector<lisan::SourceDocument>& docs, const std::string& db,
                     bool with_fields) {
  fs::remove_all(db);
  lisan::IndexOptions options;
  if (with_fields) {
    options.schema = lisan::FieldSchema::parse(
        R"({"fields": {"date": "date", "source": "keyword", "price": "number"}})");
  }
  const auto start = Clock::now();
  lisan::Indexer indexer(db, options);
  for (lisan::SourceDocument doc : docs) {
    if (with_fields) doc.fields = generated_fields(doc.id);
    indexer.add_document(doc);
  }
  indexer.finish();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

bool parse_settings(int argc, char** argv, Settings& settings) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    if (name == "--corpus")
      settings.corpus = argv[i + 1];
    else if (name == "--out")
      settings.out = argv[i + 1];
    else if (name == "--docs")
      settings.docs = std::stoul(argv[i + 1]);
    else if (name == "--rounds")
      settings.rounds = std::stoi(argv[i + 1]);
    else
      return false;
  }
  return !settings.corpus.empty() && !settings.out.empty() && settings.rounds > 0;
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  if (!parse_settings(argc, argv, settings)) {
    std::cerr << "usage: field_bench --corpus DIR --out DIR [--docs N] [--rounds N]\n";
    return 2;
  }
  try {
    const std::vector<lisan::SourceDocument> docs = read_corpus(settings);
    double plain = 1e30, fields = 1e30;
    for (int round = 0; round < settings.rounds; ++round) {
      plain = std::min(plain, index_seconds(docs, settings.out + "/plain", false));
      fields = std::min(fields, index_seconds(docs, settings.out + "/fields", true));
    }
    const double n = static_cast<double>(docs.size());
    std::printf("documents: %zu\n", docs.size());
    std::printf("without fields: %.2f s, %.0f docs/s\n", plain, n / plain);
    std::printf("with 3 fields:  %.2f s, %.0f docs/s (%+.1f %%)\n", fields, n / fields,
                100.0 * (plain / fields - 1.0));
  } catch (const std::exception& e) {
    std::cerr << "field_bench: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
