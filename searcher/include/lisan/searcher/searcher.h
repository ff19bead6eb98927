// Searching lisan indexes: one query language over Arabic, Indonesian and
// English documents, ranked with BM25, with snippets and language facets.
//
// Thread-safety: a Searcher is NOT thread-safe (it owns Xapian database
// handles and an analysis context, neither of which may be shared). Use one
// Searcher per thread; opening one is cheap next to a query on a cold cache.
// Lifetime: results are plain values and outlive the Searcher.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lisan/analyzers/language.h"

namespace lisan {

struct SearchOptions {
  std::size_t offset = 0;
  std::size_t limit = 10;
  // Only documents in this language (also settable in the query as lang:xx).
  std::optional<Language> language;
  // Fill Hit::matched_terms and SearchResults::query_description.
  bool explain = false;
  // Characters of text around the best passage (about; whole words are kept).
  std::size_t snippet_chars = 200;
  // Cross-language expansion of each query word: dictionary translations
  // (FreeDict ar↔en↔id) and the cross-script name key (توكاييف ↔ Tokayev).
  bool translate = true;
  bool transliterate = true;
};

// Text with marked ranges: `marks` are byte ranges [begin, end) into `text`,
// sorted and disjoint, each one a whole word that matched the query.
struct MarkedText {
  std::string text;
  std::vector<std::pair<std::size_t, std::size_t>> marks;
};

struct Hit {
  std::size_t rank = 0;  // 1-based, counting from the first result overall
  std::string id;
  std::string lang;
  std::string title;
  std::string url;
  double score = 0;
  MarkedText snippet;
  std::vector<std::string> matched_terms;  // with SearchOptions::explain
};

struct SearchResults {
  std::string query;
  std::uint64_t total = 0;  // estimated number of matching documents
  std::map<std::string, std::uint64_t> language_facets;
  std::vector<Hit> hits;
  std::string query_description;        // the Xapian query that ran, with explain
  std::vector<std::string> expansions;  // name keys and translations, with explain
};

// What an index holds, for `lisan info`.
struct IndexInfo {
  std::uint64_t documents = 0;
  std::map<std::string, std::uint64_t> languages;
  std::uint64_t terms = 0;  // distinct terms
  int schema_version = 0;
  std::string analyzer;
  int analyzer_version = 0;
  std::string created;
  std::string last_commit;
};

class Searcher {
 public:
  // Opens one or several indexes, searched as one (global statistics).
  // Throws IndexError when an index is missing, damaged, or of a schema or
  // analyzer version this build does not read.
  explicit Searcher(const std::vector<std::string>& db_paths);
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;

  // Runs `query`. Throws QueryError for a query that cannot be understood.
  // An empty query or one of stopwords only gives no results, not an error.
  SearchResults search(std::string_view query, const SearchOptions& options = {});

  IndexInfo info();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace lisan
