#include "relevance_suite.h"

#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

#include "jsonl_corpus.h"
#include "lisan/analyzers/analyzer.h"
#include "lisan/analyzers/stopwords.h"
#include "lisan/indexer/indexer.h"
#include "support/tsv_table.h"
#include "typo_queries.h"

namespace lisan::relevance {
namespace {

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  return hash;
}

// FNV-1a's low bits follow the parity of the bytes alone, so that a split
// by them would pair up with any other split by them: mixed first
// (SplitMix64's finalizer), every bit depends on every byte.
std::uint64_t mixed_hash(std::string_view text) {
  std::uint64_t z = fnv1a(text);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

std::string code(Language lang) { return std::string(language_code(lang)); }

// Headlines and questions are text, not query syntax: quotes, parentheses,
// field colons, leading +/- and upper-case operators become plain
// separators and words, for lisan's parser and Xapian's alike.
std::string plain_words(std::string_view text) {
  std::string spaced;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 3) == "\u201C" || text.substr(i, 3) == "\u201D") {
      spaced += ' ';
      i += 2;
      continue;
    }
    const char c = text[i];
    spaced += (c == '"' || c == '(' || c == ')' || c == ':' || c == '\t' || c == '\n') ? ' ' : c;
  }
  std::string words;
  std::size_t at = 0;
  while (at < spaced.size()) {
    std::size_t end = spaced.find(' ', at);
    if (end == std::string::npos) end = spaced.size();
    std::string word = spaced.substr(at, end - at);
    while (!word.empty() && (word[0] == '+' || word[0] == '-')) word.erase(0, 1);
    if (word == "AND" || word == "OR" || word == "NOT") {
      std::transform(word.begin(), word.end(), word.begin(),
                     [](char ch) { return static_cast<char>(ch - 'A' + 'a'); });
    }
    if (!word.empty()) words += (words.empty() ? "" : " ") + word;
    at = end + 1;
  }
  return words;
}

std::vector<Document> read_documents(const std::string& path, Language lang) {
  std::vector<Document> docs;
  bench::JsonlCorpus corpus({path});
  while (std::optional<bench::CorpusRecord> record = corpus.next()) {
    docs.push_back({record->id, lang, record->title, record->text});
  }
  if (docs.empty()) throw std::runtime_error("no documents in " + path);
  return docs;
}

// The first line of a text, or its first sentence when the line holds several.
std::string first_sentence(const std::string& text) {
  std::size_t end = text.find('\n');
  for (const char* stop : {". ", "? ", "! ", "\u061F "}) {
    const std::size_t at = text.find(stop);
    if (at != std::string::npos && at < end) end = at + 1;
  }
  return text.substr(0, end == std::string::npos ? text.size() : end);
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

struct Word {
  std::string term;     // normalized
  std::string surface;  // as written
};

// The content words of a text: no stopwords, no numbers, four letters or more.
std::vector<Word> content_words(AnalysisContext& analysis, const Document& doc) {
  std::vector<Word> words;
  std::set<std::string> seen;
  TokenStream tokens = analysis.analyze(doc.text, doc.language);
  while (const Token* token = tokens.next()) {
    if (token->is_number || token->is_stopword || code_points(token->term) < 4) continue;
    if (is_stopword_in_any_language(token->term)) continue;
    if (!seen.insert(std::string(token->term)).second) continue;
    words.push_back(
        {std::string(token->term), doc.text.substr(token->begin, token->end - token->begin)});
  }
  return words;
}

// Keyword queries: two to four of a document's rarest content words (how
// many, and which among equally rare ones, by a hash of the id), each also
// found in another document of its language, so that no one word names the
// document alone. One document in `stride` (by hash) gets a query.
void add_keyword_queries(const std::vector<Document>& docs, Language lang, std::size_t stride,
                         Task& task) {
  AnalysisContext analysis;
  std::vector<std::vector<Word>> words;
  std::unordered_map<std::string, std::size_t> df;
  for (const Document& doc : docs) {
    if (doc.language != lang) continue;
    words.push_back(content_words(analysis, doc));
    for (const Word& w : words.back()) ++df[w.term];
  }
  std::size_t at = 0;
  for (const Document& doc : docs) {
    if (doc.language != lang) continue;
    std::vector<Word>& candidates = words[at++];
    const std::uint64_t hash = mixed_hash(doc.id) >> 1;  // the low bit splits the halves
    if (hash % stride != 0) continue;
    std::erase_if(candidates, [&](const Word& w) { return df[w.term] < 2; });
    const std::size_t wanted = 2 + (hash / stride) % 3;
    if (candidates.size() < wanted) continue;
    std::sort(candidates.begin(), candidates.end(), [&](const Word& a, const Word& b) {
      const std::size_t da = df[a.term], db = df[b.term];
      return da != db ? da < db : fnv1a(a.term + doc.id) < fnv1a(b.term + doc.id);
    });
    std::string text;
    for (std::size_t i = 0; i < wanted; ++i) text += (i ? " " : "") + candidates[i].surface;
    task.queries.push_back({"keywords/" + doc.id, plain_words(text), lang, lang, doc.id});
  }
}

// Known-item queries from one text of each document (`text_of`: id and
// language → text), in every language, into the same document language
// (`mono`) or into each of the others.
using TextOf = std::map<std::pair<std::string, Language>, std::string>;

void add_derived(const TextOf& text_of, const std::string& kind,
                 const std::vector<Language>& languages, bool mono, Task& task) {
  for (const auto& [key, text] : text_of) {
    const auto& [id, lang] = key;
    if (text.empty()) continue;
    for (Language doc_lang : languages) {
      if ((doc_lang == lang) != mono) continue;
      task.queries.push_back({kind + "/" + id, plain_words(text), lang, doc_lang, id});
    }
  }
}

const std::vector<Language> kAll = {Language::kArabic, Language::kIndonesian, Language::kEnglish};

// Adds `task` to the suite when `only` asks for it (or is empty).
bool wanted(const std::vector<std::string>& only, const std::string& name) {
  return only.empty() || std::any_of(only.begin(), only.end(),
                                     [&](const std::string& p) { return name.starts_with(p); });
}

class SuiteBuilder {
 public:
  SuiteBuilder(Suite& suite, const std::vector<std::string>& only) : suite_(suite), only_(only) {}

  // The collection's index in the suite, added at its first task.
  void add(const Collection& collection, Task task) {
    if (!wanted(only_, task.name) || task.queries.empty()) return;
    auto it = std::find_if(suite_.collections.begin(), suite_.collections.end(),
                           [&](const Collection& c) { return c.name == collection.name; });
    if (it == suite_.collections.end()) {
      suite_.collections.push_back(collection);
      it = suite_.collections.end() - 1;
    }
    task.collection = static_cast<std::size_t>(it - suite_.collections.begin());
    suite_.tasks.push_back(std::move(task));
  }

 private:
  Suite& suite_;
  const std::vector<std::string>& only_;
};

std::vector<Query> read_questions(const std::string& path, Language lang, Language doc_lang) {
  std::vector<Query> queries;
  for (const corpus::TsvRow& row : corpus::read_tsv(path)) {
    queries.push_back(
        {row.at("qid"), plain_words(row.at("question")), lang, doc_lang, row.at("relevant_doc")});
  }
  return queries;
}

// A question task's questions with one content word misspelled each
// (typo_queries.h); a question keeps its id, so its half.
Task typo_task(const Task& clean) {
  AnalysisContext analysis;
  Task typo{"typo " + clean.name, 0, true, {}};
  for (const Query& query : clean.queries) {
    if (std::optional<Misspelling> m =
            misspell(query.text, mixed_hash("typo/" + query.id), analysis)) {
      Query misspelled = query;
      misspelled.text = m->query;
      typo.queries.push_back(std::move(misspelled));
    }
  }
  return typo;
}

// TyDi QA GoldP: native questions over the passages of their language, their
// typo twins, and keyword queries from one passage in four.
void load_tydi(const std::string& dir, SuiteBuilder& out) {
  for (Language lang : {Language::kIndonesian, Language::kEnglish}) {
    Collection collection{"tydi-" + code(lang),
                          read_documents(dir + "/docs_" + code(lang) + ".jsonl.gz", lang)};
    Task questions{"tydi question " + code(lang), 0, true,
                   read_questions(dir + "/queries_" + code(lang) + ".tsv", lang, lang)};
    out.add(collection, typo_task(questions));
    out.add(collection, std::move(questions));
    Task keywords{"keywords tydi " + code(lang), 0, false, {}};
    add_keyword_queries(collection.documents, lang, 4, keywords);
    out.add(collection, std::move(keywords));
  }
}

// XQuAD: the same questions in Arabic and English, over the paragraphs of
// both languages, searched in each. Titles are left out: the Arabic file has
// none, and an English title would be a clue the other side lacks.
void load_xquad(const std::string& dir, SuiteBuilder& out) {
  const Language langs[] = {Language::kArabic, Language::kEnglish};
  Collection collection{"xquad", {}};
  for (Language lang : langs) {
    for (Document& doc : read_documents(dir + "/docs." + code(lang) + ".jsonl", lang)) {
      doc.title.clear();
      collection.documents.push_back(std::move(doc));
    }
  }
  for (Language lang : langs) {
    for (Language doc_lang : langs) {
      const std::string direction =
          lang == doc_lang ? code(lang) : code(lang) + ">" + code(doc_lang);
      Task questions{"xquad question " + direction, 0, true,
                     read_questions(dir + "/queries." + code(lang) + ".tsv", lang, doc_lang)};
      if (lang == doc_lang) out.add(collection, typo_task(questions));
      out.add(collection, std::move(questions));
    }
  }
}

// NTREX-128: each article's headline (its title) and first sentence, as
// queries in its own language and into the two others.
void load_ntrex128(const std::string& dir, SuiteBuilder& out) {
  Collection collection{"ntrex128", {}};
  TextOf headline, sentence;
  for (Language lang : kAll) {
    for (Document& doc : read_documents(dir + "/docs." + code(lang) + ".jsonl", lang)) {
      headline[{doc.id, lang}] = doc.title;
      sentence[{doc.id, lang}] = first_sentence(doc.text);
      collection.documents.push_back(std::move(doc));
    }
  }
  for (bool mono : {true, false}) {
    const std::string where = mono ? " mono" : " across";
    Task h{"ntrex128 headline" + where, 0, false, {}};
    add_derived(headline, "headline", kAll, mono, h);
    out.add(collection, std::move(h));
    Task s{"ntrex128 sentence" + where, 0, false, {}};
    add_derived(sentence, "sentence", kAll, mono, s);
    out.add(collection, std::move(s));
  }
}

// PUD: each document's first sentence (from the aligned sentence table), as
// queries mono and across; keyword queries from every document.
void load_pud(const std::string& dir, SuiteBuilder& out) {
  Collection collection{"pud", {}};
  for (Language lang : kAll) {
    for (Document& doc : read_documents(dir + "/docs." + code(lang) + ".jsonl", lang)) {
      collection.documents.push_back(std::move(doc));
    }
  }
  TextOf sentence;
  for (const corpus::TsvRow& row : corpus::read_tsv(dir + "/sentences.tsv")) {
    for (Language lang : kAll) sentence.try_emplace({row.at("doc_id"), lang}, row.at(code(lang)));
  }
  for (bool mono : {true, false}) {
    Task s{std::string("pud sentence") + (mono ? " mono" : " across"), 0, false, {}};
    add_derived(sentence, "sentence", kAll, mono, s);
    out.add(collection, std::move(s));
  }
  Task keywords{"keywords pud", 0, false, {}};
  for (Language lang : kAll) add_keyword_queries(collection.documents, lang, 1, keywords);
  out.add(collection, std::move(keywords));
}

}  // namespace

Half half_of(const std::string& query_id) {
  return mixed_hash(query_id) % 2 == 0 ? Half::kTuning : Half::kChecking;
}

Suite load_suite(const std::string& corpus_dir, const std::vector<std::string>& only) {
  Suite suite;
  SuiteBuilder builder(suite, only);
  load_tydi(corpus_dir + "/qa/tydiqa", builder);
  load_xquad(corpus_dir + "/parallel/xquad", builder);
  load_ntrex128(corpus_dir + "/parallel/ntrex128", builder);
  load_pud(corpus_dir + "/parallel/pud", builder);
  return suite;
}

namespace {

class LisanEngine final : public Engine {
 public:
  LisanEngine(const std::string& db_path, SearchOptions options)
      : searcher_({db_path}), options_(std::move(options)) {
    options_.snippets = false;
    options_.suggest = false;
    options_.offset = 0;
  }

  std::vector<std::string> search(const Query& query, std::size_t depth) override {
    options_.limit = depth;
    options_.language = query.doc_language;
    std::vector<std::string> ids;
    for (const Hit& hit : searcher_.search(query.text, options_).hits) {
      ids.push_back(eval::untagged_id(hit.id));
    }
    return ids;
  }

 private:
  Searcher searcher_;
  SearchOptions options_;
};

class XapianEngine final : public Engine {
 public:
  explicit XapianEngine(const std::string& db_path) : db_(db_path), enquire_(db_) {
    enquire_.set_weighting_scheme(Xapian::BM25Weight());
  }

  std::vector<std::string> search(const Query& query, std::size_t depth) override {
    Xapian::QueryParser parser;
    parser.set_database(db_);
    parser.set_stemmer(Xapian::Stem(snowball_name(query.language)));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_default_op(Xapian::Query::OP_OR);
    Xapian::Query parsed;
    try {
      parsed = parser.parse_query(query.text);
    } catch (const Xapian::QueryParserError&) {
      return {};
    }
    const Xapian::Query filter("L" + code(query.doc_language));
    enquire_.set_query(Xapian::Query(Xapian::Query::OP_FILTER, parsed, filter));
    std::vector<std::string> ids;
    const Xapian::MSet mset = enquire_.get_mset(0, static_cast<Xapian::doccount>(depth));
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      ids.push_back(eval::untagged_id(it.get_document().get_data()));
    }
    return ids;
  }

 private:
  Xapian::Database db_;
  Xapian::Enquire enquire_;
};

}  // namespace

std::unique_ptr<Engine> make_lisan(const Collection& collection, const std::string& db_path,
                                   SearchOptions options) {
  eval::index_parallel_documents(collection.documents, db_path);
  return make_lisan_on(db_path, std::move(options));
}

std::unique_ptr<Engine> make_lisan_on(const std::string& db_path, SearchOptions options) {
  return std::make_unique<LisanEngine>(db_path, std::move(options));
}

std::unique_ptr<Engine> make_xapian(const Collection& collection, const std::string& db_path) {
  {
    Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator generator;
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    for (const Document& doc : collection.documents) {
      Xapian::Document out;
      generator.set_stemmer(Xapian::Stem(snowball_name(doc.language)));
      generator.set_document(out);
      generator.index_text(doc.title);
      generator.increase_termpos();
      generator.index_text(doc.text);
      out.add_boolean_term("L" + code(doc.language));
      out.set_data(eval::tagged_id(doc.id, doc.language));
      db.add_document(out);
    }
    db.commit();
  }
  return std::make_unique<XapianEngine>(db_path);
}

Metrics evaluate(Engine& engine, const Task& task, Half half) {
  constexpr std::size_t kDepth = 100;
  Metrics m;
  for (const Query& query : task.queries) {
    if (half_of(query.id) != half) continue;
    ++m.queries;
    const std::vector<std::string> ids = engine.search(query, kDepth);
    const auto at = std::find(ids.begin(), ids.end(), query.relevant_id);
    if (at == ids.end()) continue;
    const auto rank = static_cast<double>(at - ids.begin() + 1);
    m.recall_at_100 += 1;
    if (rank > 10) continue;
    m.recall_at_10 += 1;
    m.mrr_at_10 += 1 / rank;
    m.ndcg_at_10 += 1 / std::log2(rank + 1);
  }
  if (m.queries > 0) {
    const auto n = static_cast<double>(m.queries);
    m.mrr_at_10 /= n;
    m.ndcg_at_10 /= n;
    m.recall_at_10 /= n;
    m.recall_at_100 /= n;
  }
  return m;
}

}  // namespace lisan::relevance
