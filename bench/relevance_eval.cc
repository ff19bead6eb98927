// Ranking evaluation on parallel news and encyclopedia text (NTREX-128 and
// PUD in the shared corpus): each language's documents are indexed on their
// own; the query is a document's title, its first sentence, or the first four
// words of either, and the one relevant answer is that document. Prints nDCG@10 and MRR@10 per set,
// query kind and language, for the ranking constants given or for a sweep of them.
//
//   relevance_eval CORPUS/parallel [--sweep] [--k1 X] [--b X] [--exact X] [--title X]
//                  [--bm25-order]
//
// The sweep moves one constant at a time around the defaults (k1 and b
// together, then the exact-form bonus, then the title weight) and prints the
// mean over all query sets, so that the choice in docs/RANKING.md can be
// checked by re-running it.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lisan/analyzers/error.h"
#include "lisan/indexer/indexer.h"
#include "lisan/searcher/searcher.h"

namespace {

struct Query {
  std::string text;
  std::string relevant_id;
};

struct QuerySet {
  std::string name;  // e.g. "ntrex128/title/ar"
  std::string db;
  std::vector<Query> queries;
};

// Query syntax characters become spaces and operator words lower case, so
// that a sentence is searched as plain words.
std::string plain_words(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (text.compare(i, 3, "\u201C") == 0 || text.compare(i, 3, "\u201D") == 0) {
      out += ' ';
      i += 2;
      continue;
    }
    out += (c == '"' || c == '(' || c == ')' || c == ':') ? ' ' : c;
  }
  std::string words;
  std::size_t at = 0;
  while (at < out.size()) {
    std::size_t end = out.find(' ', at);
    if (end == std::string::npos) end = out.size();
    std::string word = out.substr(at, end - at);
    while (!word.empty() && (word[0] == '+' || word[0] == '-')) word.erase(0, 1);
    if (word == "AND" || word == "OR" || word == "NOT") word = "x";
    if (!word.empty()) words += (words.empty() ? "" : " ") + word;
    at = end + 1;
  }
  return words;
}

// The first `n` words of plain text: short queries, where ranking matters
// more than with a whole sentence (which finds its document almost always).
std::string first_words(const std::string& words, std::size_t n) {
  std::size_t at = 0;
  for (std::size_t i = 0; i < n && at != std::string::npos; ++i) {
    at = words.find(' ', at == 0 ? 0 : at + 1);
  }
  return at == std::string::npos ? words : words.substr(0, at);
}

// The first sentence: up to the first line break or sentence end.
std::string first_sentence(const std::string& text) {
  std::size_t end = text.find('\n');
  for (const char* stop : {". ", "? ", "! ", "؟ "}) {
    const std::size_t at = text.find(stop);
    if (at != std::string::npos && at < end) end = at + 1;
  }
  return text.substr(0, end == std::string::npos ? text.size() : end);
}

std::vector<nlohmann::json> read_jsonl(const std::string& path) {
  std::vector<nlohmann::json> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  }
  return out;
}

struct Scores {
  double ndcg = 0;
  double mrr = 0;
  // Mean nDCG@10 of the sets whose queries come from titles (which the
  // title weight favours by construction) and of those from the text.
  double title_ndcg = 0;
  double text_ndcg = 0;
};

bool from_title(const QuerySet& set) {
  return set.name.find("/title/") != std::string::npos || set.name.starts_with("ntrex128/4-words/");
}

Scores evaluate(const QuerySet& set, const lisan::SearchOptions& options) {
  lisan::Searcher searcher({set.db});
  Scores sum;
  for (const Query& query : set.queries) {
    const lisan::SearchResults results = searcher.search(query.text, options);
    for (const lisan::Hit& hit : results.hits) {
      if (hit.id != query.relevant_id) continue;
      sum.ndcg += 1.0 / std::log2(static_cast<double>(hit.rank) + 1.0);
      sum.mrr += 1.0 / static_cast<double>(hit.rank);
      break;
    }
  }
  const auto n = static_cast<double>(set.queries.size());
  return {sum.ndcg / n, sum.mrr / n};
}

Scores mean_over(const std::vector<QuerySet>& sets, const lisan::SearchOptions& options,
                 bool print_each) {
  Scores mean;
  const auto titled = static_cast<double>(std::count_if(sets.begin(), sets.end(), from_title));
  const auto texted = static_cast<double>(sets.size()) - titled;
  for (const QuerySet& set : sets) {
    const Scores s = evaluate(set, options);
    (from_title(set) ? mean.title_ndcg : mean.text_ndcg) +=
        s.ndcg / (from_title(set) ? titled : texted);
    if (print_each) {
      std::printf("  %-24s %4zu queries  nDCG@10 %.4f  MRR@10 %.4f\n", set.name.c_str(),
                  set.queries.size(), s.ndcg, s.mrr);
    }
    mean.ndcg += s.ndcg / static_cast<double>(sets.size());
    mean.mrr += s.mrr / static_cast<double>(sets.size());
  }
  return mean;
}

void print_row(const lisan::RankingOptions& r, const Scores& s) {
  std::printf(
      "k1 %.2f  b %.2f  exact %.2f  title %.2f  %s  mean nDCG@10 %.4f  MRR@10 %.4f"
      "  (title queries %.4f, text queries %.4f)\n",
      r.bm25_k1, r.bm25_b, r.exact_bonus, r.title_weight,
      r.more_words_first ? "words-first" : "bm25-order ", s.ndcg, s.mrr, s.title_ndcg, s.text_ndcg);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: relevance_eval CORPUS/parallel [--sweep] [--k1 X] [--b X] [--exact X] "
                 "[--title X]\n";
    return 2;
  }
  const std::filesystem::path parallel = argv[1];
  bool sweep = false;
  lisan::SearchOptions options;
  options.snippets = false;
  options.suggest = false;
  options.limit = 10;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&] { return i + 1 < argc ? std::atof(argv[++i]) : 0.0; };
    if (arg == "--sweep")
      sweep = true;
    else if (arg == "--k1")
      options.ranking.bm25_k1 = value();
    else if (arg == "--b")
      options.ranking.bm25_b = value();
    else if (arg == "--exact")
      options.ranking.exact_bonus = value();
    else if (arg == "--title")
      options.ranking.title_weight = value();
    else if (arg == "--bm25-order")
      options.ranking.more_words_first = false;
    else {
      std::cerr << "unknown argument " << arg << '\n';
      return 2;
    }
  }

  const std::filesystem::path work =
      std::filesystem::temp_directory_path() / ("lisan-relevance-" + std::to_string(getpid()));
  std::vector<QuerySet> sets;
  std::filesystem::create_directories(work);
  try {
    for (const char* corpus : {"ntrex128", "pud"}) {
      for (const char* code : {"ar", "id", "en"}) {
        const std::string file = (parallel / corpus / ("docs." + std::string(code) + ".jsonl"));
        const std::string db = work / (std::string(corpus) + "-" + code);
        lisan::IndexOptions index_options;
        index_options.language = lisan::parse_language(code);
        lisan::Indexer indexer(db, index_options);
        indexer.add_path(file);
        indexer.finish();
        QuerySet titles{std::string(corpus) + "/title/" + code, db, {}};
        QuerySet sentences{std::string(corpus) + "/sentence/" + code, db, {}};
        QuerySet heads{std::string(corpus) + "/4-words/" + code, db, {}};
        for (const nlohmann::json& doc : read_jsonl(file)) {
          const std::string id = doc.at("id");
          const std::string title = plain_words(doc.value("title", ""));
          const std::string sentence = plain_words(first_sentence(doc.at("text")));
          if (!title.empty()) titles.queries.push_back({title, id});
          sentences.queries.push_back({sentence, id});
          heads.queries.push_back({first_words(title.empty() ? sentence : title, 4), id});
        }
        if (!titles.queries.empty()) sets.push_back(std::move(titles));
        sets.push_back(std::move(sentences));
        sets.push_back(std::move(heads));
      }
    }

    if (!sweep) {
      const Scores mean = mean_over(sets, options, true);
      print_row(options.ranking, mean);
    } else {
      lisan::RankingOptions best = options.ranking;
      double best_ndcg = -1;
      auto consider = [&](const lisan::RankingOptions& r) {
        options.ranking = r;
        const Scores s = mean_over(sets, options, false);
        print_row(r, s);
        if (s.ndcg > best_ndcg) {
          best_ndcg = s.ndcg;
          best = r;
        }
      };
      for (double k1 : {0.1, 0.2, 0.3, 0.6, 0.9, 1.2, 1.6, 2.0}) {
        for (double b : {0.3, 0.5, 0.75, 0.9}) {
          lisan::RankingOptions r = best;
          r.bm25_k1 = k1;
          r.bm25_b = b;
          consider(r);
        }
      }
      const lisan::RankingOptions after_bm25 = best;
      for (double exact : {0.0, 0.1, 0.25, 0.5, 1.0}) {
        lisan::RankingOptions r = after_bm25;
        r.exact_bonus = exact;
        consider(r);
      }
      const lisan::RankingOptions after_exact = best;
      for (double title : {0.0, 0.25, 0.5, 1.0, 2.0}) {
        lisan::RankingOptions r = after_exact;
        r.title_weight = title;
        consider(r);
      }
      std::printf("best:\n");
      options.ranking = best;
      print_row(best, mean_over(sets, options, true));
    }
  } catch (const lisan::Error& e) {
    std::cerr << "relevance_eval: " << e.what() << '\n';
    std::filesystem::remove_all(work);
    return 1;
  }
  std::filesystem::remove_all(work);
  return 0;
}
