/// @file
/// Searching lisan indexes: one query language over Arabic, Indonesian and
/// English documents, ranked with BM25, with snippets and language facets.
///
/// Thread-safety: a Searcher is NOT thread-safe (it owns Xapian database
/// handles and an analysis context, neither of which may be shared). Use one
/// Searcher per thread; opening one is cheap next to a query on a cold cache.
/// Lifetime: results are plain values and outlive the Searcher.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lisan/analyzers/error.h"
#include "lisan/analyzers/language.h"
#include "lisan/format/fields.h"
#include "lisan/format/index_error.h"
#include "lisan/searcher/errors.h"

namespace lisan {

/// Ranking constants. The defaults were chosen by measurement on the tuning
/// halves of the relevance suite (native and translated questions,
/// headlines, sentences, keywords; docs/RANKING.md); change them only to
/// experiment.
struct RankingOptions {
  double bm25_k1 = 1.0;       ///< term-frequency saturation (low: presence counts most)
  double bm25_b = 0.75;       ///< document-length normalization
  double exact_bonus = 0.25;  ///< extra weight of a word's exact (unstemmed) form
  double title_weight = 1.0;  ///< weight of a word found in the title
  /// Among the best 100 hits, documents matching more of the query's words
  /// come first (then by score), instead of the second phase below. Off by
  /// default: it cost 0.04 MRR@10 on questions, which hold many words of
  /// unequal weight (docs/RANKING.md).
  bool more_words_first = false;
  /// Second phase over the best 100 hits when more_words_first is off
  /// (docs/RANKING.md): a score is multiplied by 1 - coordination +
  /// coordination × (matched words / query words), then gains proximity ×
  /// a bonus for query words standing within a few positions of each other.
  double coordination = 0.8;
  double proximity = 0;  ///< weight of the proximity bonus (0: none; measured, no gain)
  /// Question words the stopword lists lack (who, siapakah, dimana, …) leave
  /// the ranked parts of the query, as stopwords do.
  bool question_words = true;
  /// Weight of the word a misspelled query word is taken to mean
  /// (SearchOptions::typos), relative to a word typed right.
  double typo_weight = 0.8;
};

/// An order of the hits other than by relevance (SearchOptions::sort).
struct SortOrder {
  std::string field;        ///< a keyword, number or date field of the index
  bool descending = false;  ///< largest (latest) first
};

/// What to search and how to present the results.
struct SearchOptions {
  std::size_t offset = 0;  ///< hits to skip (for pagination)
  std::size_t limit = 10;  ///< hits to return
  /// Only documents in this language (also settable in the query as lang:xx).
  std::optional<Language> language;
  /// Fill Hit::matched_terms and SearchResults::explanation (how the query
  /// was understood, where the search spent its time).
  bool explain = false;
  /// Characters of text around the best passage (about; whole words are kept). The
  /// snippet never exceeds 4 × this many bytes, whatever the text (docs/API.md).
  std::size_t snippet_chars = 200;
  /// Make Hit::snippet (off: faster, e.g. for relevance evaluation).
  bool snippets = true;
  /// Suggest a spelling for query words the index does not hold.
  bool suggest = true;
  /// Typo tolerance: a query word none of whose forms the index holds also
  /// matches its closest indexed word (the one "did you mean" suggests;
  /// 1 edit for words of 4–5 letters, 2 from 6 on, none below), weighted by
  /// RankingOptions::typo_weight. A query whose words are all indexed is
  /// searched exactly as without it.
  bool typos = true;
  RankingOptions ranking;  ///< ranking constants (defaults: measured best)
  // Cross-language expansion of each query word: dictionary translations
  // (FreeDict ar↔en↔id) and the cross-script name key (توكاييف ↔ Tokayev).
  bool translate = true;      ///< add dictionary translations
  bool transliterate = true;  ///< add cross-script name keys
  /// Longest a search may run (wall clock); zero: no limit. Past it, at the
  /// next check (between stages, and every 64 candidate documents of a
  /// match), search() throws TimeLimitExceeded: a server bounds each query
  /// so that one cannot starve the others.
  std::chrono::steady_clock::duration time_limit{};
  /// Filters in the query language's field syntax, each one required of
  /// every hit and never changing a score: "source:aljazeera",
  /// "date:2025-11..", "-tags:sport" (docs/QUERY_SYNTAX.md). With filters,
  /// an empty query matches every document that passes them.
  std::vector<std::string> filters;
  /// Order by a field instead of relevance; ties by relevance. Documents
  /// without the field come last, in either direction.
  std::optional<SortOrder> sort;
  /// Fields to count the matches' values of (SearchResults::facets): a
  /// keyword field's values (each value of a list counted), or a date
  /// field's months ("date") or years ("date:year").
  std::vector<std::string> facets;
  std::size_t facet_values = 10;  ///< values per facet (the most frequent)
  /// The stored fields each hit carries (Hit::fields); empty: all of them.
  std::vector<std::string> fields;
};

/// One value of a facet and how many matches have it.
struct FacetValue {
  std::string value;        ///< a keyword value, or a month ("2025-11") or year ("2025")
  std::uint64_t count = 0;  ///< matches with this value
};

/// The counts of one field's values among the matches (SearchOptions::facets).
struct FieldFacet {
  std::string field;               ///< as asked ("source", "date:year")
  std::vector<FacetValue> values;  ///< most frequent first, then by value
  /// True when the counts come from the first 10,000 matches (in document
  /// order) scaled to the estimated total, as for SearchResults::estimated.
  bool estimated = false;
};

/// Text with marked ranges: `marks` are byte ranges [begin, end) into `text`,
/// sorted and disjoint, each one a whole word that matched the query.
struct MarkedText {
  std::string text;                                        ///< the passage (whole words, UTF-8)
  std::vector<std::pair<std::size_t, std::size_t>> marks;  ///< matched words' byte ranges
};

/// One result of a search.
struct Hit {
  std::size_t rank = 0;  ///< 1-based, counting from the first result overall
  std::string id;        ///< the document's id, as indexed
  std::string lang;      ///< the document's language code
  std::string title;     ///< the document's title
  std::string url;       ///< the document's URL; may be empty
  double score = 0;      ///< relevance (BM25 with lisan's weights); higher is better
  MarkedText snippet;    ///< the best passage, query words marked (SearchOptions::snippets)
  std::vector<std::string> matched_terms;  ///< with SearchOptions::explain
  /// The document's stored fields (SearchOptions::fields), values as text.
  FieldValues fields;
};

/// Where one search spent its time (wall clock), for profiling: the stages
/// run one after another, so they add up to about the whole search.
struct SearchTimings {
  using Duration = std::chrono::steady_clock::duration;  ///< steady-clock ticks
  Duration build_query{};  ///< parse, analyse each word, expand (keys, translations)
  Duration spelling{};     ///< look the words up; suggest for unknown ones
  Duration match{};        ///< Xapian's match: ranking, total, language facets
  Duration order{};        ///< the second phase, or more words first (docs/RANKING.md)
  Duration documents{};    ///< read and parse the stored data of the hits
  Duration snippets{};     ///< make the hits' snippets
};

/// What SearchOptions::explain adds to the results.
struct SearchExplanation {
  std::string query_description;        ///< the Xapian query that ran
  std::vector<std::string> expansions;  ///< name keys and translations, one line each
  SearchTimings timings;                ///< where the search spent its time
};

/// What Searcher::search() returns: a page of hits and what is known about
/// the whole result set.
struct SearchResults {
  std::string query;        ///< the query as given
  std::uint64_t total = 0;  ///< number of matching documents (see `estimated`)
  /// Matching documents per language code ("ar", "id", "en", "und").
  std::map<std::string, std::uint64_t> language_facets;
  /// True when `total` and `language_facets` are estimates. The searcher
  /// counts every match when the query's terms hold at most 100,000
  /// postings and the Searcher has searched its local indexes before (its
  /// second search reads a table of every document's language); otherwise
  /// it counts up to 10,000 matches exactly and, when there are more,
  /// estimates the total and scales the language counts of those it saw.
  bool estimated = false;
  std::vector<Hit> hits;  ///< SearchOptions::limit hits from SearchOptions::offset
  /// The query with each word the index does not hold replaced by the closest
  /// word it does ("did you mean …"); empty when every word is known.
  std::string suggestion;
  std::optional<SearchExplanation> explanation;  ///< with SearchOptions::explain
  std::vector<FieldFacet> facets;                ///< SearchOptions::facets, in that order
};

/// What an index holds, for `lisan info`.
struct IndexInfo {
  std::uint64_t documents = 0;                     ///< documents in the index
  std::map<std::string, std::uint64_t> languages;  ///< documents per language code
  std::uint64_t terms = 0;                         ///< distinct terms
  int schema_version = 0;         ///< the index schema's version (schema::kSchemaVersion)
  std::string analyzer;           ///< the analyzer that wrote it (kAnalyzerName)
  int analyzer_version = 0;       ///< its version (kAnalyzerVersion)
  std::string created;            ///< when the index was created (ISO 8601 UTC)
  std::string last_commit;        ///< when it was last committed (ISO 8601 UTC)
  std::vector<FieldSpec> fields;  ///< the index's field schema
};

/// True when this build of lisan carries the bilingual dictionaries that
/// SearchOptions::translate expands query words with (FreeDict ar↔en↔id);
/// a build without them translates nothing.
bool has_translation_dictionaries();

/// Searches one or several lisan indexes as one (see the file's description).
class Searcher {
 public:
  /// Opens one or several indexes, searched as one (global statistics).
  /// @param db_paths index folders, sharded index folders, Xapian stub files,
  ///        or remote shards as `tcp://HOST:PORT` (served by xapian-tcpsrv)
  /// @throws IndexError when an index is missing, damaged, unreachable, or of
  ///         a schema or analyzer version this build does not read
  /// @throws InvalidArgument when `db_paths` is empty
  explicit Searcher(const std::vector<std::string>& db_paths);
  ~Searcher();
  Searcher(Searcher&&) noexcept;             ///< moves the open databases
  Searcher& operator=(Searcher&&) noexcept;  ///< moves the open databases

  /// Runs `query` (syntax: docs/QUERY_SYNTAX.md). An empty query or one of
  /// stopwords only gives no results, not an error.
  /// @throws QueryError naming the byte offset, for a query that cannot be
  ///         understood (unbalanced quote or parenthesis, an operator missing
  ///         an operand, an unknown lang: code, too many words or too deep
  ///         nesting, an unknown field or a value that does not fit its
  ///         field, in the query or in SearchOptions::filters)
  /// @throws InvalidArgument when SearchOptions::sort or facets names a
  ///         field the index lacks or one that cannot be sorted or counted
  /// @throws IndexError when the index cannot be read (damaged, or changed
  ///         by a writer faster than the search could read it)
  SearchResults search(std::string_view query, const SearchOptions& options = {});

  /// The field schema of the (first) index: which fields queries, filters,
  /// sorts and facets may name.
  const FieldSchema& fields() const noexcept;

  /// What the index holds (document counts, versions, dates).
  /// @throws IndexError when the index cannot be read
  IndexInfo info();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lisan
