#include "eval/name_eval.h"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

#include "lisan/indexer/indexer.h"
#include "lisan/searcher/searcher.h"
#include "support/tsv_table.h"

namespace lisan::eval {
namespace {

std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

std::size_t word_count(std::string_view sentence) {
  return static_cast<std::size_t>(std::count(sentence.begin(), sentence.end(), ' ')) + 1;
}

// Cuts `text` into sentences at . ! ? ؟ followed by white space, and keeps
// those of 6 to 40 words: long enough to be real context, short enough that
// the name is a real share of the document.
void add_sentences(std::string_view text, std::size_t count, std::vector<std::string>& out) {
  constexpr std::size_t kMinWords = 6, kMaxWords = 40;
  std::size_t begin = 0;
  for (std::size_t at = 0; at < text.size() && out.size() < count; ++at) {
    const bool ascii_end = text[at] == '.' || text[at] == '!' || text[at] == '?';
    const bool arabic_end = text.substr(at).starts_with("\xD8\x9F");  // ؟
    const std::size_t mark = arabic_end ? 2 : 1;
    if (!ascii_end && !arabic_end) continue;
    if (at + mark < text.size() && text[at + mark] != ' ' && text[at + mark] != '\n') continue;
    std::string sentence(text.substr(begin, at + mark - begin));
    std::replace(sentence.begin(), sentence.end(), '\n', ' ');
    const auto first = sentence.find_first_not_of(' ');
    sentence.erase(0, first == std::string::npos ? sentence.size() : first);
    const std::size_t words = word_count(sentence);
    if (words >= kMinWords && words <= kMaxWords) out.push_back(std::move(sentence));
    begin = at + mark;
  }
}

// The "text" of each line of a gzip JSONL file, until `count` sentences.
void add_jsonl_sentences(const std::string& path, std::size_t count,
                         std::vector<std::string>& out) {
  const gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) throw std::runtime_error("cannot read " + path);
  std::string line;
  char buffer[1 << 16];
  while (out.size() < count && gzgets(file, buffer, sizeof buffer) != nullptr) {
    line += buffer;
    if (line.back() != '\n') continue;  // a line longer than the buffer
    const nlohmann::json record = nlohmann::json::parse(line, nullptr, false);
    line.clear();
    if (record.is_object() && record.contains("text") && record["text"].is_string()) {
      add_sentences(record["text"].get<std::string>(), count, out);
    }
  }
  gzclose(file);
}

// The sentence with `name` after its middle word: inside the text, as a
// name is in news, not at an edge.
std::string with_name(const std::string& sentence, const std::string& name) {
  std::size_t spaces = word_count(sentence) / 2, at = 0;
  while (spaces > 0) {
    at = sentence.find(' ', at) + 1;
    --spaces;
  }
  return sentence.substr(0, at) + name + " " + sentence.substr(at);
}

std::string capitalised(std::string word) {
  if (!word.empty() && word[0] >= 'a' && word[0] <= 'z') word[0] = static_cast<char>(word[0] - 32);
  return word;
}

std::string doc_id(std::size_t i) { return "d" + std::to_string(i); }

// One index of `documents` documents in `lang`: document i < pairs holds
// name(i) inside sentence i, the others sentence i alone.
void build_name_index(const std::string& db, Language lang, const std::vector<std::string>& text,
                      std::size_t documents, std::size_t pairs,
                      const std::function<std::string(std::size_t)>& name) {
  Indexer indexer(db);
  for (std::size_t i = 0; i < documents; ++i) {
    SourceDocument doc;
    doc.id = doc_id(i);
    doc.text = i < pairs ? with_name(text[i % text.size()], name(i)) : text[i % text.size()];
    doc.title = " ";  // an empty title would make the indexer take the first line
    doc.language = lang;
    indexer.add_document(doc);
  }
  indexer.finish();
}

// Documents holding the same name as pair i (a pair list repeats a word
// with another spelling on the other side): any of them is a right answer.
struct Relevance {
  std::map<std::string, std::set<std::string>> by_arabic, by_latin;
  std::set<std::string> of(const NamePair& pair) const {
    std::set<std::string> ids = by_arabic.at(pair.arabic);
    const std::set<std::string>& more = by_latin.at(pair.latin);
    ids.insert(more.begin(), more.end());
    return ids;
  }
};

NameEvalRun run_queries(const std::string& db, const std::vector<NamePair>& pairs,
                        std::size_t placed, const Relevance& relevance, bool latin_query,
                        bool capital) {
  constexpr std::size_t kDepth = 50;  // relevant documents are sought this deep
  Searcher searcher({db});
  SearchOptions options;
  options.limit = kDepth;
  options.snippets = false;
  options.suggest = false;
  // What tuning looks at: each query whose name is not first, on stderr.
  const bool print_misses = std::getenv("LISAN_NAME_EVAL_MISSES") != nullptr;
  NameEvalRun run;
  run.direction = latin_query ? "latin → arabic" : "arabic → latin";
  run.latin_case = capital ? "capitalised" : "lower";
  for (std::size_t i = 0; i < placed; ++i) {
    const NamePair& pair = pairs[i];
    const std::string query =
        latin_query ? (capital ? capitalised(pair.latin) : pair.latin) : pair.arabic;
    const SearchResults results = searcher.search(query, options);
    const std::set<std::string> relevant = relevance.of(pair);
    std::size_t relevant_found = 0, first = 0;
    for (const Hit& hit : results.hits) {
      if (!relevant.contains(hit.id)) continue;
      ++relevant_found;
      if (first == 0) first = hit.rank;
    }
    if (print_misses && first != 1) {
      std::cerr << "miss\t" << run.direction << '\t' << run.latin_case << '\t' << pair.arabic
                << '\t' << pair.latin << '\t' << first << '\t' << results.total << '\n';
    }
    ++run.queries;
    run.recall_at_1 += first == 1 ? 1 : 0;
    run.recall_at_10 += first >= 1 && first <= 10 ? 1 : 0;
    run.unrelated_per_query += static_cast<double>(results.total - relevant_found);
  }
  if (run.queries > 0) {
    const auto n = static_cast<double>(run.queries);
    run.recall_at_1 /= n;
    run.recall_at_10 /= n;
    run.unrelated_per_query /= n;
  }
  return run;
}

}  // namespace

std::vector<NamePair> load_name_pairs(const std::string& path) {
  std::vector<NamePair> pairs;
  for (const corpus::TsvRow& row : corpus::read_tsv(path)) {
    const auto ar = row.find("ar"), en = row.find("en");
    if (ar == row.end() || en == row.end() || ar->second.empty() || en->second.empty()) continue;
    pairs.push_back({ar->second, en->second});
  }
  std::stable_sort(pairs.begin(), pairs.end(), [](const NamePair& a, const NamePair& b) {
    return fnv1a(a.arabic + '\t' + a.latin) < fnv1a(b.arabic + '\t' + b.latin);
  });
  return pairs;
}

std::vector<std::string> arabic_sentences(const std::string& shared_dir, std::size_t count) {
  std::vector<std::string> out;
  add_jsonl_sentences(shared_dir + "/bench/ar.saudinewsnet.jsonl.gz", count, out);
  return out;
}

std::vector<std::string> english_sentences(const std::string& shared_dir, std::size_t count) {
  std::vector<std::string> out;
  for (const char* set : {"ntrex128", "pud", "flores200_sib"}) {
    for (const corpus::TsvRow& row :
         corpus::read_tsv(shared_dir + "/parallel/" + set + "/sentences.tsv")) {
      const auto en = row.find("en");
      if (en != row.end()) add_sentences(en->second + " ", count, out);
    }
  }
  add_jsonl_sentences(shared_dir + "/bench/en.enwiki.jsonl.gz", count, out);
  return out;
}

std::vector<NameEvalRun> evaluate_names(const std::vector<NamePair>& pairs,
                                        const std::vector<std::string>& arabic_text,
                                        const std::vector<std::string>& english_text,
                                        std::size_t documents, const std::string& work_dir) {
  const std::size_t placed = std::min(documents, pairs.size());
  Relevance relevance;
  for (std::size_t i = 0; i < placed; ++i) {
    relevance.by_arabic[pairs[i].arabic].insert(doc_id(i));
    relevance.by_latin[pairs[i].latin].insert(doc_id(i));
  }
  const std::filesystem::path work(work_dir);
  const std::string ar_db = work / "ar", lower_db = work / "en-lower", cap_db = work / "en-cap";
  build_name_index(ar_db, Language::kArabic, arabic_text, documents, placed,
                   [&](std::size_t i) { return pairs[i].arabic; });
  build_name_index(lower_db, Language::kEnglish, english_text, documents, placed,
                   [&](std::size_t i) { return pairs[i].latin; });
  build_name_index(cap_db, Language::kEnglish, english_text, documents, placed,
                   [&](std::size_t i) { return capitalised(pairs[i].latin); });
  return {run_queries(ar_db, pairs, placed, relevance, true, false),
          run_queries(ar_db, pairs, placed, relevance, true, true),
          run_queries(lower_db, pairs, placed, relevance, false, false),
          run_queries(cap_db, pairs, placed, relevance, false, true)};
}

std::string format_name_runs(const std::vector<NameEvalRun>& runs) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(3);
  for (const NameEvalRun& run : runs) {
    out << run.direction << " (" << run.latin_case << "): " << run.queries << " queries, Recall@1 "
        << run.recall_at_1 << ", Recall@10 " << run.recall_at_10 << ", unrelated per query "
        << run.unrelated_per_query << "\n";
  }
  return out.str();
}

}  // namespace lisan::eval
