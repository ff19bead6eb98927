#include "cross_language_eval.h"

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "lisan/analyzers/error.h"
#include "lisan/indexer/indexer.h"
#include "support/tsv_table.h"

namespace lisan::eval {
namespace {

// Headlines and questions are text, not query syntax: quotes, parentheses,
// field colons and uppercase operators become plain separators and words, so
// that "Trump's \"deal\"" is searched as the words it holds.
std::string as_plain_words(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) out += (c == '"' || c == '(' || c == ')' || c == ':') ? ' ' : c;
  for (std::string_view quote : {"\u201C", "\u201D"}) {  // “ ”, quotes to the parser too
    for (std::size_t at = out.find(quote); at != std::string::npos; at = out.find(quote, at)) {
      out.replace(at, quote.size(), " ");
    }
  }
  for (const char* op : {"AND", "OR", "NOT"}) {
    const std::string word(op);
    for (std::size_t at = out.find(word); at != std::string::npos; at = out.find(word, at + 1)) {
      const bool starts = at == 0 || out[at - 1] == ' ';
      const bool ends = at + word.size() == out.size() || out[at + word.size()] == ' ';
      if (starts && ends) {
        for (std::size_t k = 0; k < word.size(); ++k)
          out[at + k] = static_cast<char>(out[at + k] - 'A' + 'a');
      }
    }
  }
  return out;
}

std::ifstream open(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw IoError("cannot read " + path);
  return in;
}

std::vector<EvalDocument> read_jsonl(const std::string& path, Language lang) {
  std::ifstream in = open(path);
  std::vector<EvalDocument> docs;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const nlohmann::json j = nlohmann::json::parse(line);
    docs.push_back({j.at("id"), lang, j.value("title", ""), j.at("text")});
  }
  return docs;
}

constexpr Language kAll[] = {Language::kArabic, Language::kIndonesian, Language::kEnglish};

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  return hash;
}

std::string code(Language lang) { return std::string(language_code(lang)); }

}  // namespace

ParallelSet load_ntrex128(const std::string& parallel_dir) {
  ParallelSet set{"ntrex128", {std::begin(kAll), std::end(kAll)}, {}, {}};
  for (Language lang : kAll) {
    for (EvalDocument& doc :
         read_jsonl(parallel_dir + "/ntrex128/docs." + code(lang) + ".jsonl", lang)) {
      set.queries.push_back({doc.id, lang, as_plain_words(doc.title)});
      set.documents.push_back(std::move(doc));
    }
  }
  return set;
}

ParallelSet load_pud(const std::string& parallel_dir) {
  ParallelSet set{"pud", {std::begin(kAll), std::end(kAll)}, {}, {}};
  for (Language lang : kAll) {
    for (EvalDocument& doc :
         read_jsonl(parallel_dir + "/pud/docs." + code(lang) + ".jsonl", lang)) {
      set.documents.push_back(std::move(doc));
    }
  }
  std::set<std::string> seen;
  for (const auto& row : corpus::read_tsv(parallel_dir + "/pud/sentences.tsv")) {
    const std::string& doc_id = row.at("doc_id");
    if (!seen.insert(doc_id).second) continue;  // the first sentence only
    for (Language lang : kAll)
      set.queries.push_back({doc_id, lang, as_plain_words(row.at(code(lang)))});
  }
  return set;
}

ParallelSet load_xquad(const std::string& parallel_dir) {
  const Language langs[] = {Language::kArabic, Language::kEnglish};
  ParallelSet set{"xquad", {std::begin(langs), std::end(langs)}, {}, {}};
  for (Language lang : langs) {
    for (EvalDocument& doc :
         read_jsonl(parallel_dir + "/xquad/docs." + code(lang) + ".jsonl", lang)) {
      // The English file's title is the article's name, absent in Arabic:
      // leave titles out so that neither side gets a clue the other lacks.
      doc.title.clear();
      set.documents.push_back(std::move(doc));
    }
    for (const auto& row :
         corpus::read_tsv(parallel_dir + "/xquad/queries." + code(lang) + ".tsv")) {
      set.queries.push_back({row.at("relevant_doc"), lang, as_plain_words(row.at("question"))});
    }
  }
  return set;
}

void build_index(const ParallelSet& set, const std::string& db_path) {
  index_parallel_documents(set.documents, db_path);
}

Table evaluate(const ParallelSet& set, const std::string& db_path, SearchOptions options,
               std::size_t stride) {
  constexpr std::size_t kCutoff = 10;
  Searcher searcher({db_path});
  options.limit = kCutoff;
  options.offset = 0;
  options.snippet_chars = 0;
  Table table;
  for (const EvalQuery& query : set.queries) {
    if (stride > 1 && fnv1a(query.relevant_id) % stride != 0) continue;
    for (Language doc_lang : set.languages) {
      options.language = doc_lang;
      const SearchResults results = searcher.search(query.text, options);
      Cell& cell = table[{query.language, doc_lang}];
      ++cell.queries;
      const std::string wanted = tagged_id(query.relevant_id, doc_lang);
      for (const Hit& hit : results.hits) {
        if (hit.id != wanted) continue;
        cell.recall_at_10 += 1;
        cell.mrr += 1.0 / static_cast<double>(hit.rank);
        break;
      }
    }
  }
  for (auto& [langs, cell] : table) {
    if (cell.queries == 0) continue;
    cell.recall_at_10 /= static_cast<double>(cell.queries);
    cell.mrr /= static_cast<double>(cell.queries);
  }
  return table;
}

std::string format_table(const ParallelSet& set, const Table& table) {
  std::string out = "query\\doc";
  for (Language doc : set.languages) out += "        " + code(doc) + "         ";
  out += "\n";
  char buffer[64];
  for (Language query : set.languages) {
    out += "  " + code(query) + "      ";
    for (Language doc : set.languages) {
      const auto it = table.find({query, doc});
      if (it == table.end()) {
        out += "        -          ";
        continue;
      }
      std::snprintf(buffer, sizeof buffer, "  R@10 %.3f MRR %.3f", it->second.recall_at_10,
                    it->second.mrr);
      out += buffer;
    }
    out += "\n";
  }
  return out;
}

}  // namespace lisan::eval
