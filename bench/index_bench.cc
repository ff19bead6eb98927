// End-to-end indexing benchmark: lisan's indexer, a plain TermGenerator
// indexer and Xapian's writer alone, on the same JSONL corpus in the same run,
// plus query latency on the index lisan built.
//
//   index_bench [options] [CORPUS.jsonl[.gz]...]
//     --jobs N          lisan's worker threads and the ceiling's writers (2)
//     --memory MB       lisan's memory budget (512)
//     --baseline        also index with plain Xapian (TermGenerator) and print the ratio
//     --ceiling         also time Xapian's writer alone on lisan's own documents
//     --queries         query latency (p50/p95/p99) on the index lisan built
//     --one-job         also run lisan with one job, for the --jobs speed-up
//     --schema-stats    (document, term) pairs that each schema choice writes
//     --modes LIST      comma-separated modes instead of the flags above:
//                       lisan,lisan1,baseline,ceiling,queries,stats, and the
//                       ceiling of two leaner schemas (what each would save):
//                       ceiling-stems  stems only, with positions (Lucene's way)
//                       ceiling-nopos  lisan's terms, no positions
//     --repeat N        run the modes N times in turn; ratios are medians of the rounds
//     --megabytes N     size of the generated corpus when none is given (20)
//     --work DIR        scratch folder (default: a new one under the system's temp folder)
//
// Without corpus files it generates one with corpus/generate_zipf_corpus
// (Zipf-sampled seed vocabulary), so it runs on any machine.
//
// Each mode runs in its own child process, so that its peak RSS (getrusage
// of the child) is its own; they run one after another, never side by side.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <barrier>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "bench_queries.h"
#include "jsonl_corpus.h"
#include "lisan/analyzers/analyzer.h"
#include "lisan/analyzers/language_detector.h"
#include "lisan/format/schema.h"
#include "lisan/format/stored_document.h"
#include "lisan/indexer/indexer.h"
#include "lisan/searcher/searcher.h"
#include "percentile.h"

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  unsigned jobs = 2;
  std::uint64_t memory_mb = 512;
  std::set<std::string> modes = {"lisan"};
  double megabytes = 20;
  unsigned repeat = 1;
  fs::path work;
  std::vector<std::string> corpus;
};

// What a mode reports back to the parent through a pipe (plain bytes).
struct ModeResult {
  std::uint64_t documents = 0;
  std::uint64_t text_bytes = 0;  // bytes of title + text
  double seconds = 0;
  double cpu_seconds = 0;    // all threads, same span as `seconds`
  double rerun_seconds = 0;  // lisan: the same input again, on the index just built
  std::uint64_t index_bytes = 0;
  std::uint64_t compacted_bytes = 0;
  double latency_ms[2][3] = {};  // [one word, two words][p50, p95, p99]
  std::uint64_t queries = 0;
  std::uint64_t pairs[8] = {};  // schema-stats, see print_schema_stats
  bool ok = false;
};

[[noreturn]] void usage_error(const std::string& message) {
  std::cerr << "index_bench: " << message << "\n(see the comment at the top of index_bench.cc)\n";
  std::exit(2);
}

template <typename T>
T parse_number(const std::string& flag, const std::string& value) {
  T out{};
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (error != std::errc() || end != value.data() + value.size()) {
    usage_error(flag + " needs a number, not '" + value + "'");
  }
  return out;
}

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage_error("missing value after " + arg);
      return argv[++i];
    };
    if (arg == "--jobs") {
      options.jobs = parse_number<unsigned>(arg, value());
      if (options.jobs == 0 || options.jobs > 64) usage_error("--jobs must be 1..64");
    } else if (arg == "--memory") {
      options.memory_mb = parse_number<std::uint64_t>(arg, value());
    } else if (arg == "--baseline") {
      options.modes.insert("baseline");
    } else if (arg == "--ceiling") {
      options.modes.insert("ceiling");
    } else if (arg == "--queries") {
      options.modes.insert("queries");
    } else if (arg == "--one-job") {
      options.modes.insert("lisan1");
    } else if (arg == "--schema-stats") {
      options.modes.insert("stats");
    } else if (arg == "--modes") {
      options.modes.clear();
      std::string list = value();
      for (std::size_t start = 0; start <= list.size();) {
        std::size_t comma = list.find(',', start);
        if (comma == std::string::npos) comma = list.size();
        const std::string mode = list.substr(start, comma - start);
        if (mode != "lisan" && mode != "lisan1" && mode != "baseline" && mode != "ceiling" &&
            mode != "ceiling-stems" && mode != "ceiling-nopos" && mode != "queries" &&
            mode != "stats") {
          usage_error("unknown mode '" + mode + "'");
        }
        options.modes.insert(mode);
        start = comma + 1;
      }
    } else if (arg == "--repeat") {
      options.repeat = parse_number<unsigned>(arg, value());
      if (options.repeat == 0 || options.repeat > 100) usage_error("--repeat must be 1..100");
    } else if (arg == "--megabytes") {
      options.megabytes = parse_number<double>(arg, value());
      if (!(options.megabytes > 0)) usage_error("--megabytes must be positive");
    } else if (arg == "--work") {
      options.work = value();
    } else if (arg.starts_with("--")) {
      usage_error("unknown option " + arg);
    } else {
      options.corpus.push_back(arg);
    }
  }
  if (options.modes.contains("queries")) options.modes.insert("lisan");
  return options;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU time of the whole process (every thread): on a machine shared with
// other work, the stabler measure of what a mode costs.
double process_cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double thread_cpu_seconds() {
  timespec now{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

std::uint64_t directory_bytes(const fs::path& dir) {
  std::uint64_t total = 0;
  std::error_code error;
  for (const auto& entry : fs::recursive_directory_iterator(dir, error)) {
    if (entry.is_regular_file(error)) total += entry.file_size(error);
  }
  return total;
}

std::uint64_t compacted_bytes(const fs::path& db, const fs::path& scratch) {
  fs::remove_all(scratch);
  Xapian::Database(db.string()).compact(scratch.string());
  const std::uint64_t bytes = directory_bytes(scratch);
  fs::remove_all(scratch);
  return bytes;
}

std::string record_language(const lisan::bench::CorpusRecord& record) {
  if (!record.lang.empty()) return record.lang;
  return std::string(lisan::language_code(lisan::detect_language(record.text)));
}

void add_corpus(lisan::Indexer& indexer, const std::vector<std::string>& paths,
                std::uint64_t* text_bytes) {
  lisan::bench::JsonlCorpus corpus(paths);
  while (std::optional<lisan::bench::CorpusRecord> record = corpus.next()) {
    *text_bytes += record->title.size() + record->text.size();
    lisan::SourceDocument doc{.id = std::move(record->id),
                              .text = std::move(record->text),
                              .title = std::move(record->title),
                              .url = {},
                              .language = lisan::parse_language(record->lang),
                              .fields = {}};
    indexer.add_document(doc);
  }
}

// Indexing the same input again must find every document unchanged and cost
// a small part of the first run (reading, hashing, one lookup a document).
double rerun_lisan(const Options& options, const fs::path& db) {
  const Clock::time_point start = Clock::now();
  lisan::Indexer indexer(db.string());
  std::uint64_t bytes = 0;
  add_corpus(indexer, options.corpus, &bytes);
  const lisan::IndexReport report = indexer.finish();
  if (report.added + report.replaced != 0) {
    throw std::runtime_error("re-indexing unchanged input changed " +
                             std::to_string(report.added + report.replaced) + " documents");
  }
  return seconds_since(start);
}

// lisan's indexer through its library API, as `lisan index --jobs N` runs it.
ModeResult run_lisan(const Options& options, unsigned jobs, const fs::path& db) {
  ModeResult result;
  fs::remove_all(db);
  const Clock::time_point start = Clock::now();
  const double cpu_start = process_cpu_seconds();
  lisan::IndexOptions index_options;
  index_options.jobs = jobs;
  index_options.memory_budget_bytes = options.memory_mb << 20;
  lisan::IndexReport report;
  {
    lisan::Indexer indexer(db.string(), index_options);
    add_corpus(indexer, options.corpus, &result.text_bytes);
    report = indexer.finish();
  }  // closed, so that the re-run below can open the index
  result.seconds = seconds_since(start);
  result.cpu_seconds = process_cpu_seconds() - cpu_start;
  result.documents = report.added + report.replaced;
  result.rerun_seconds = rerun_lisan(options, db);
  result.index_bytes = directory_bytes(db);
  result.compacted_bytes = compacted_bytes(db, db.string() + ".compacted");
  result.ok = true;
  return result;
}

// A plain Xapian indexer, as one would write it from Xapian's documentation:
// TermGenerator with the document's Snowball stemmer (STEM_SOME: every word
// with positions, plus a Z stem), title words with S, Q id and L language
// terms, the text as document data, replace_document by id, default commits.
ModeResult run_baseline(const Options& options, const fs::path& db) {
  ModeResult result;
  fs::remove_all(db);
  const Clock::time_point start = Clock::now();
  const double cpu_start = process_cpu_seconds();
  Xapian::WritableDatabase out(db.string(), Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator generator;
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  std::map<std::string, Xapian::Stem> stemmers;
  lisan::bench::JsonlCorpus corpus(options.corpus);
  while (std::optional<lisan::bench::CorpusRecord> record = corpus.next()) {
    result.text_bytes += record->title.size() + record->text.size();
    const std::string lang = record_language(*record);
    auto stemmer = stemmers.find(lang);
    if (stemmer == stemmers.end()) {
      stemmer =
          stemmers
              .emplace(lang, Xapian::Stem(lisan::snowball_name(
                                 lisan::parse_language(lang).value_or(lisan::Language::kUnknown))))
              .first;
    }
    generator.set_stemmer(stemmer->second);
    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(record->title, 1, "S");
    generator.index_text(record->text);
    const std::string id_term = "Q" + record->id;
    doc.add_boolean_term(id_term);
    doc.add_boolean_term("L" + lang);
    doc.set_data(
        nlohmann::json{{"id", record->id}, {"title", record->title}, {"text", record->text}}.dump(
            -1, ' ', false, nlohmann::json::error_handler_t::replace));
    out.replace_document(id_term, doc);
    ++result.documents;
  }
  out.commit();
  out.close();
  result.seconds = seconds_since(start);
  result.cpu_seconds = process_cpu_seconds() - cpu_start;
  result.index_bytes = directory_bytes(db);
  result.compacted_bytes = compacted_bytes(db, db.string() + ".compacted");
  result.ok = true;
  return result;
}

// The document schemas the ceiling can write: lisan's, and two leaner ones
// that show what a schema choice costs the writer.
enum class CeilingSchema {
  kLisan,
  // Lucene's analyzers' way: one term per word, its stem (stopwords and
  // unstemmed words as they are), with positions; no unstemmed forms. The
  // searcher would lose the exact-form bonus, and phrases would match stems.
  kStemsWithPositions,
  // lisan's terms without any position: no phrase search at all.
  kNoPositions,
};

// lisan's document `built` turned into `schema`: the same values, data and
// prefixed terms (Q, L, S, XK…), with the body terms replaced as the schema
// says. `stored`: the document's stored data (its text and language).
Xapian::Document in_schema(CeilingSchema schema, const Xapian::Document& built,
                           const lisan::StoredDocument& stored, lisan::AnalysisContext& analysis) {
  if (schema == CeilingSchema::kLisan) return built;
  Xapian::Document out;
  out.set_data(built.get_data());
  for (auto value = built.values_begin(); value != built.values_end(); ++value) {
    out.add_value(value.get_valueno(), *value);
  }
  for (auto term = built.termlist_begin(); term != built.termlist_end(); ++term) {
    const std::string& text = *term;
    if (schema == CeilingSchema::kNoPositions) {
      out.add_term(text, term.get_wdf());
      continue;
    }
    const bool body_word = text.empty() || !(text[0] >= 'A' && text[0] <= 'Z');
    const bool stem = text.starts_with("Z");
    if (!body_word && !stem) out.add_term(text, term.get_wdf());
  }
  if (schema == CeilingSchema::kStemsWithPositions) {
    const lisan::Language lang =
        lisan::parse_language(stored.lang).value_or(lisan::Language::kUnknown);
    lisan::TokenStream tokens = analysis.analyze(stored.text, lang);
    std::string word;
    while (const lisan::Token* token = tokens.next()) {
      const std::string_view prefix = lisan::schema::stem_prefix(token->stem_language);
      if (prefix.empty() || token->is_stopword) {
        word.assign(token->term);
      } else {
        word.assign(prefix).append(token->stem);
      }
      out.add_posting(word, token->position);
    }
  }
  return out;
}

// lisan's index of the corpus, built untimed for the modes that study its
// documents, by the library as `lisan index --jobs N` builds it.
void build_lisan_index(const Options& options, const fs::path& db) {
  fs::remove_all(db);
  lisan::IndexOptions index_options;
  index_options.jobs = options.jobs;
  index_options.memory_budget_bytes = options.memory_mb << 20;
  lisan::Indexer indexer(db.string(), index_options);
  std::uint64_t text_bytes = 0;
  add_corpus(indexer, options.corpus, &text_bytes);
  indexer.finish();
}

// A document of a database copied out of it (terms with their wdf and
// positions, values, data), so that writing the copy reads nothing back.
Xapian::Document copy_of(const Xapian::Document& from) {
  Xapian::Document out;
  out.set_data(from.get_data());
  for (auto value = from.values_begin(); value != from.values_end(); ++value) {
    out.add_value(value.get_valueno(), *value);
  }
  for (auto term = from.termlist_begin(); term != from.termlist_end(); ++term) {
    for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) {
      out.add_posting(*term, *pos, 0);
    }
    out.add_term(*term, term.get_wdf());
  }
  return out;
}

// The document ids of `db`, dealt to `writers` in turn.
std::vector<std::vector<Xapian::docid>> deal_documents(const Xapian::Database& db,
                                                       unsigned writers) {
  std::vector<std::vector<Xapian::docid>> parts(writers);
  std::size_t next = 0;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    parts[next++ % writers].push_back(*it);
  }
  return parts;
}

// Makes the files of `dir` durable, as lisan's bulk load does before it
// moves its merged index into place.
void sync_tree(const fs::path& dir) {
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const int fd = ::open(entry.path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;
    ::fsync(fd);
    ::close(fd);
  }
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// lisan's bulk load commits a part every 1 MB of text at any memory budget
// above about 200 MB (its fastest batch); the ceiling's writers do the same.
constexpr std::uint64_t kCeilingFlushBytes = 1ull << 20;

// Xapian's writer alone: lisan's documents, read from the index lisan built
// (not timed), are fed to `jobs` writers of their own, as lisan's bulk load
// does, in rounds: all writers prepare a round's documents, then all write
// them while the clock runs. Time = writing rounds + final commits +
// compaction into one index.
ModeResult run_ceiling(const Options& options, const fs::path& dir, CeilingSchema schema) {
  ModeResult result;
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path source = dir / "lisan";
  build_lisan_index(options, source);
  const unsigned writers = options.jobs;
  const std::vector<std::vector<Xapian::docid>> parts =
      deal_documents(Xapian::Database(source.string()), writers);
  constexpr std::size_t kRoundDocuments = 256;
  std::size_t rounds = 0;
  for (const auto& part : parts) {
    rounds = std::max(rounds, (part.size() + kRoundDocuments - 1) / kRoundDocuments);
    result.documents += part.size();
  }
  double timed = 0;
  std::vector<double> write_cpu(writers, 0.0);
  std::vector<std::uint64_t> pairs(writers, 0);  // (document, term) pairs written
  std::vector<std::uint64_t> text_bytes(writers, 0);
  Clock::time_point round_start;
  std::barrier built(writers, [&]() noexcept { round_start = Clock::now(); });
  std::barrier written(writers, [&]() noexcept { timed += seconds_since(round_start); });
  std::vector<std::thread> threads;
  for (unsigned w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      lisan::AnalysisContext analysis;
      const Xapian::Database from(source.string());
      Xapian::WritableDatabase shard((dir / ("part-" + std::to_string(w))).string(),
                                     Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
      std::vector<Xapian::Document> round;
      std::vector<std::size_t> sizes;  // text bytes of each document of the round
      std::uint64_t pending = 0;
      const auto& part = parts[w];
      for (std::size_t r = 0; r < rounds; ++r) {
        round.clear();
        sizes.clear();
        const std::size_t first = std::min(part.size(), r * kRoundDocuments);
        const std::size_t last = std::min(part.size(), first + kRoundDocuments);
        for (std::size_t i = first; i < last; ++i) {
          const Xapian::Document indexed = from.get_document(part[i]);
          const lisan::StoredDocument stored = lisan::parse_document_data(indexed.get_data());
          text_bytes[w] += stored.title.size() + stored.text.size();
          sizes.push_back(stored.text.size());
          round.push_back(in_schema(schema, copy_of(indexed), stored, analysis));
          pairs[w] += round.back().termlist_count();
        }
        built.arrive_and_wait();
        const double cpu_start = thread_cpu_seconds();
        for (std::size_t i = 0; i < round.size(); ++i) {
          shard.add_document(round[i]);
          pending += sizes[i];
          if (pending >= kCeilingFlushBytes) {
            shard.commit();
            pending = 0;
          }
        }
        if (r + 1 == rounds) shard.commit();
        write_cpu[w] += thread_cpu_seconds() - cpu_start;
        written.arrive_and_wait();
      }
      shard.close();
    });
  }
  for (std::thread& t : threads) t.join();
  for (std::uint64_t p : pairs) result.pairs[0] += p;
  for (std::uint64_t b : text_bytes) result.text_bytes += b;
  const Clock::time_point merge_start = Clock::now();
  const double merge_cpu_start = thread_cpu_seconds();
  Xapian::Database all;
  for (unsigned w = 0; w < writers; ++w) {
    all.add_database(Xapian::Database((dir / ("part-" + std::to_string(w))).string()));
  }
  all.compact((dir / "merged").string());
  sync_tree(dir / "merged");
  timed += seconds_since(merge_start);
  result.seconds = timed;
  result.cpu_seconds = thread_cpu_seconds() - merge_cpu_start;
  for (double cpu : write_cpu) result.cpu_seconds += cpu;
  result.index_bytes = directory_bytes(dir / "merged");
  result.compacted_bytes = result.index_bytes;
  result.ok = true;
  return result;
}

ModeResult run_queries(const fs::path& db) {
  ModeResult result;
  lisan::Searcher searcher({db.string()});
  constexpr int kRounds = 20;
  auto measure = [&](const auto& queries, int row) {
    for (const char* q : queries) searcher.search(q);  // warm the cache first
    std::vector<double> latencies;
    for (int round = 0; round < kRounds; ++round) {
      for (const char* q : queries) {
        const Clock::time_point start = Clock::now();
        const lisan::SearchResults found = searcher.search(q);
        latencies.push_back(seconds_since(start) * 1000);
        result.documents += found.hits.size();
      }
    }
    result.queries += latencies.size();
    result.latency_ms[row][0] = lisan::bench::percentile(latencies, 0.50);
    result.latency_ms[row][1] = lisan::bench::percentile(latencies, 0.95);
    result.latency_ms[row][2] = lisan::bench::percentile(latencies, 0.99);
  };
  measure(lisan::bench::kOneWordQueries, 0);
  measure(lisan::bench::kTwoWordQueries, 1);
  result.ok = true;
  return result;
}

// Counts the (document, term) pairs that each schema choice would write;
// Xapian's writer costs about 5 µs a pair, so these predict the write time.
//   [0] unstemmed words (with positions)   [1] stems, every word (no positions)
//   [2] stems only where the stem differs from the word
//   [3] title terms (S)                    [4] positions (word occurrences)
//   [5] TermGenerator STEM_SOME terms (words + Z stems, with its own tokenizer)
//   [6] stems with positions, one term a word (stopwords as they are)
//   [7] every term of lisan's own documents (of the index lisan builds)
ModeResult run_schema_stats(const Options& options) {
  ModeResult result;
  const Clock::time_point start = Clock::now();
  lisan::AnalysisContext analysis;
  std::unordered_set<std::string> stem_words;
  Xapian::TermGenerator generator;
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  std::unordered_set<std::string> words, stems, differing, titles;
  lisan::bench::JsonlCorpus corpus(options.corpus);
  while (std::optional<lisan::bench::CorpusRecord> record = corpus.next()) {
    ++result.documents;
    result.text_bytes += record->title.size() + record->text.size();
    const std::string lang_code = record_language(*record);
    const lisan::Language lang =
        lisan::parse_language(lang_code).value_or(lisan::Language::kUnknown);
    words.clear();
    stems.clear();
    differing.clear();
    titles.clear();
    stem_words.clear();
    lisan::TokenStream tokens = analysis.analyze(record->text, lang);
    while (const lisan::Token* token = tokens.next()) {
      ++result.pairs[4];
      words.emplace(token->term);
      const std::string_view prefix = lisan::schema::stem_prefix(token->stem_language);
      if (prefix.empty() || token->is_stopword) {
        stem_words.emplace(token->term);
        continue;
      }
      stem_words.insert(std::string(prefix).append(token->stem));
      std::string stem = std::string(prefix).append(token->stem);
      if (token->stem != token->term) differing.insert(stem);
      stems.insert(std::move(stem));
    }
    lisan::TokenStream title_tokens = analysis.analyze(record->title, lang);
    while (const lisan::Token* token = title_tokens.next()) titles.emplace(token->term);
    result.pairs[0] += words.size();
    result.pairs[1] += stems.size();
    result.pairs[2] += differing.size();
    result.pairs[3] += titles.size();
    result.pairs[6] += stem_words.size();
    Xapian::Document doc;
    generator.set_stemmer(Xapian::Stem(lisan::snowball_name(lang)));
    generator.set_document(doc);
    generator.index_text(record->text);
    result.pairs[5] += doc.termlist_count();
  }
  const fs::path lisan_db = options.work / "stats-lisan";
  build_lisan_index(options, lisan_db);
  const Xapian::Database built(lisan_db.string());
  for (auto it = built.postlist_begin(""); it != built.postlist_end(""); ++it) {
    result.pairs[7] += built.get_document(*it).termlist_count();
  }
  fs::remove_all(lisan_db);
  result.seconds = seconds_since(start);
  result.ok = true;
  return result;
}

struct ChildRun {
  ModeResult result;
  double peak_rss_mb = 0;
};

// Runs `mode` in a child process; its peak RSS comes from wait4's rusage.
template <typename Mode>
ChildRun run_in_child(const char* name, Mode&& mode) {
  int fds[2];
  if (::pipe(fds) != 0) usage_error("pipe failed");
  std::cout.flush();
  const pid_t pid = ::fork();
  if (pid < 0) usage_error("fork failed");
  if (pid == 0) {
    ::close(fds[0]);
    ModeResult result;
    try {
      result = mode();
    } catch (const std::exception& e) {
      std::cerr << "index_bench: " << name << ": " << e.what() << '\n';
    } catch (const Xapian::Error& e) {
      std::cerr << "index_bench: " << name << ": " << e.get_description() << '\n';
    }
    const ssize_t wrote = ::write(fds[1], &result, sizeof result);
    ::_exit(wrote == static_cast<ssize_t>(sizeof result) && result.ok ? 0 : 1);
  }
  ::close(fds[1]);
  ChildRun run;
  const ssize_t got = ::read(fds[0], &run.result, sizeof run.result);
  ::close(fds[0]);
  int status = 0;
  rusage usage{};
  ::wait4(pid, &status, 0, &usage);
  if (got != static_cast<ssize_t>(sizeof run.result) || !run.result.ok) {
    std::cerr << "index_bench: mode " << name << " failed\n";
    std::exit(1);
  }
  run.peak_rss_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;  // KiB on Linux
  return run;
}

void print_row(const char* name, const ChildRun& run) {
  const ModeResult& r = run.result;
  const double mb = static_cast<double>(r.text_bytes) / 1e6;
  std::printf("%-10s %9llu %9.1f %9.1f %8.2f %9.1f %8.2f %9.0f %9.0f %10.1f %10.1f\n", name,
              static_cast<unsigned long long>(r.documents), mb, r.seconds, mb / r.seconds,
              r.cpu_seconds, mb / r.cpu_seconds, static_cast<double>(r.documents) / r.seconds,
              run.peak_rss_mb, static_cast<double>(r.index_bytes) / 1e6,
              static_cast<double>(r.compacted_bytes) / 1e6);
}

void print_schema_stats(const ModeResult& r) {
  const double docs = static_cast<double>(r.documents);
  auto line = [&](const char* what, std::uint64_t pairs) {
    std::printf("  %-52s %12llu  %8.1f per doc\n", what, static_cast<unsigned long long>(pairs),
                static_cast<double>(pairs) / docs);
  };
  std::printf("\n(document, term) pairs by schema choice, %llu documents:\n",
              static_cast<unsigned long long>(r.documents));
  line("unstemmed words, with positions", r.pairs[0]);
  line("stems of every word (no positions)", r.pairs[1]);
  line("stems only where they differ from the word", r.pairs[2]);
  line("title terms (S)", r.pairs[3]);
  line("positions written (word occurrences)", r.pairs[4]);
  line("TermGenerator STEM_SOME terms (words + Z stems)", r.pairs[5]);
  line("schema 1: words + every stem + titles + Q + L",
       r.pairs[0] + r.pairs[1] + r.pairs[3] + 2 * r.documents);
  line("schema 2: words + differing stems + titles + Q + L",
       r.pairs[0] + r.pairs[2] + r.pairs[3] + 2 * r.documents);
  line("lisan's documents as built (schema 2 + name keys XK…)", r.pairs[7]);
  line("stems with positions, one a word (Lucene's way)", r.pairs[6]);
  line("  as a whole schema: lisan's, body words and stems replaced by it",
       r.pairs[7] - r.pairs[0] - r.pairs[2] + r.pairs[6]);
}

fs::path generated_corpus(const Options& options) {
  char name[64];
  std::snprintf(name, sizeof name, "zipf-%gMB.jsonl", options.megabytes);
  const fs::path path = options.work / name;
  if (fs::exists(path)) return path;
  const std::string command = std::string(LISAN_ZIPF_GENERATOR) + " --megabytes " +
                              std::to_string(options.megabytes) + " --out '" + path.string() + "'";
  if (std::system(command.c_str()) != 0) usage_error("corpus generator failed: " + command);
  return path;
}

}  // namespace

int main(int argc, char** argv) {
  Options options = parse_options(argc, argv);
  const bool own_work = options.work.empty();
  if (own_work) {
    std::string pattern = (fs::temp_directory_path() / "lisan-index-bench-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) usage_error("cannot create a scratch folder");
    options.work = pattern;
  }
  fs::create_directories(options.work);
  if (options.corpus.empty()) options.corpus.push_back(generated_corpus(options).string());

  std::printf("corpus: ");
  for (const std::string& path : options.corpus) std::printf("%s ", path.c_str());
  std::printf("\nscratch: %s\njobs %u, memory budget %llu MB, %u hardware threads\n\n",
              options.work.c_str(), options.jobs,
              static_cast<unsigned long long>(options.memory_mb),
              std::thread::hardware_concurrency());
  std::printf("%-10s %9s %9s %9s %8s %9s %8s %9s %9s %10s %10s\n", "mode", "docs", "MB", "seconds",
              "MB/s", "cpu s", "MB/cpu-s", "docs/s", "RSS MB", "index MB", "compact MB");

  const fs::path lisan_db = options.work / "lisan";
  // Rounds run the modes in turn (A B C, A B C, ...), so that a change in the
  // machine's load hits every mode alike; ratios are taken within a round.
  std::map<std::string, std::vector<ChildRun>> runs;
  for (unsigned round = 0; round < options.repeat; ++round) {
    auto row_name = [&](const char* mode) {
      return options.repeat > 1 ? std::string(mode) + " #" + std::to_string(round + 1)
                                : std::string(mode);
    };
    if (options.modes.contains("lisan")) {
      runs["lisan"].push_back(
          run_in_child("lisan", [&] { return run_lisan(options, options.jobs, lisan_db); }));
      print_row(row_name("lisan").c_str(), runs["lisan"].back());
    }
    if (options.modes.contains("lisan1")) {
      runs["lisan1"].push_back(run_in_child("lisan -j1", [&] {
        ModeResult result = run_lisan(options, 1, options.work / "lisan1");
        fs::remove_all(options.work / "lisan1");
        return result;
      }));
      print_row(row_name("lisan -j1").c_str(), runs["lisan1"].back());
    }
    if (options.modes.contains("baseline")) {
      runs["baseline"].push_back(run_in_child(
          "baseline", [&] { return run_baseline(options, options.work / "baseline"); }));
      print_row(row_name("baseline").c_str(), runs["baseline"].back());
      fs::remove_all(options.work / "baseline");
    }
    for (const auto& [mode, schema] :
         {std::pair{"ceiling", CeilingSchema::kLisan},
          std::pair{"ceiling-stems", CeilingSchema::kStemsWithPositions},
          std::pair{"ceiling-nopos", CeilingSchema::kNoPositions}}) {
      if (!options.modes.contains(mode)) continue;
      runs[mode].push_back(run_in_child(
          mode, [&] { return run_ceiling(options, options.work / "ceiling", schema); }));
      print_row(row_name(mode).c_str(), runs[mode].back());
      fs::remove_all(options.work / "ceiling");
    }
  }
  auto mb_per_s = [](const ChildRun& run) {
    return static_cast<double>(run.result.text_bytes) / 1e6 / run.result.seconds;
  };
  auto mb_per_cpu_s = [](const ChildRun& run) {
    return static_cast<double>(run.result.text_bytes) / 1e6 / run.result.cpu_seconds;
  };
  auto median = [](std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  };
  // Median over the rounds of a / b, by wall time and by CPU time.
  auto print_ratio = [&](const std::string& what, const char* a, const char* b, double scale,
                         const char* unit) {
    if (!runs.contains(a) || !runs.contains(b)) return;
    std::vector<double> wall, cpu;
    for (std::size_t r = 0; r < runs[a].size(); ++r) {
      wall.push_back(scale * mb_per_s(runs[a][r]) / mb_per_s(runs[b][r]));
      cpu.push_back(scale * mb_per_cpu_s(runs[a][r]) / mb_per_cpu_s(runs[b][r]));
    }
    const int digits = scale == 1 ? 2 : 0;
    std::printf("%s: %.*f%s MB/s (wall), %.*f%s MB per CPU second%s\n", what.c_str(), digits,
                median(wall), unit, digits, median(cpu), unit,
                options.repeat > 1 ? " (medians of the rounds)" : "");
  };
  std::printf("\n");
  if (runs.contains("lisan")) {
    std::vector<double> shares;
    for (const ChildRun& run : runs["lisan"]) {
      shares.push_back(100 * run.result.rerun_seconds / run.result.seconds);
    }
    std::printf("lisan re-run on unchanged input: %.1f s, %.1f %% of the first run\n",
                runs["lisan"].front().result.rerun_seconds, median(shares));
  }
  print_ratio("lisan --jobs " + std::to_string(options.jobs) + " / --jobs 1", "lisan", "lisan1", 1,
              "x");
  print_ratio("lisan / plain Xapian", "lisan", "baseline", 1, "x");
  print_ratio("lisan / writer ceiling (" + std::to_string(options.jobs) + " writers)", "lisan",
              "ceiling", 100, " %");
  for (const char* mode : {"ceiling-stems", "ceiling-nopos"}) {
    print_ratio(std::string(mode) + " / ceiling (lisan's schema)", mode, "ceiling", 1, "x");
  }
  for (const char* mode : {"ceiling", "ceiling-stems", "ceiling-nopos"}) {
    if (!runs.contains(mode)) continue;
    const ModeResult& r = runs[mode].front().result;
    std::printf("%s wrote %llu (document, term) pairs, %.1f per document\n", mode,
                static_cast<unsigned long long>(r.pairs[0]),
                static_cast<double>(r.pairs[0]) / static_cast<double>(r.documents));
  }
  if (options.modes.contains("queries")) {
    const ChildRun queries = run_in_child("queries", [&] { return run_queries(lisan_db); });
    const ModeResult& q = queries.result;
    std::printf("\nquery latency over %llu queries (ms):  p50    p95    p99\n",
                static_cast<unsigned long long>(q.queries));
    std::printf("  one word                            %6.2f %6.2f %6.2f\n", q.latency_ms[0][0],
                q.latency_ms[0][1], q.latency_ms[0][2]);
    std::printf("  two words                           %6.2f %6.2f %6.2f\n", q.latency_ms[1][0],
                q.latency_ms[1][1], q.latency_ms[1][2]);
  }
  if (options.modes.contains("stats")) {
    const ChildRun stats = run_in_child("stats", [&] { return run_schema_stats(options); });
    print_schema_stats(stats.result);
  }
  // A scratch folder of its own goes with the run; one given by --work stays.
  if (own_work) fs::remove_all(options.work);
  return 0;
}
