// Turns a parsed query (QueryNode) into a Xapian::Query: each word analysed
// for every language it may belong to, its forms combined with OP_SYNONYM.
#pragma once

#include <xapian.h>

#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "expansion.h"
#include "lisan/analyzers/analyzer.h"
#include "query_parser.h"
#include "query_terms.h"

namespace lisan::internal {

// A query of stopwords only searches at most this many different ones (the
// first): each of them is in most documents.
inline constexpr std::size_t kMaxStopwordOnlyWords = 16;

// Weights of a word's forms, relative to one another. Within an OP_SYNONYM
// group every form counts as the same word (Pirkola's structured query); the
// exact form also gets a bonus of its own so that the document with the very
// word ranks above one with a word sharing its stem. Values: docs/RANKING.md.
struct FormWeights {
  double exact_bonus = 0.25;
  double title = 1.0;
  // Question words (question_words.h) leave the ranked parts like stopwords.
  bool drop_question_words = true;
};

// A word of the query that ranks or must match (not an excluded one), with
// the query made for it: the searcher looks its terms up to suggest spellings.
struct QueryWord {
  std::size_t offset = 0;  // byte range of the word in the query text
  std::size_t length = 0;
  Xapian::Query query;  // the word's same-script forms (no key, no translation)
  std::string exact;    // its normalized, unstemmed term
};

class QueryBuilder {
 public:
  // `fields`: the index's schema, for field filters and text fields (the
  // schema the query was parsed with); borrowed.
  QueryBuilder(AnalysisContext& analysis, FormWeights weights, ExpansionOptions expansion = {},
               const FieldSchema* fields = nullptr)
      : analysis_(analysis), weights_(weights), expansion_(expansion), fields_(fields) {}

  // The Xapian query for a parsed query. Stopwords of every language are
  // dropped from ranked parts unless nothing else is left (then the first
  // kMaxStopwordOnlyWords different ones are searched); phrases, +required
  // and -excluded words keep them. A clause that repeats an earlier one of
  // the same list (the same query, however it was written) is dropped:
  // "a a a" is "a"; within a phrase, words are never dropped. `terms` receives the terms that may
  // match (for snippets), `words` the query's positive words. An empty query means nothing to
  // search for. Throws QueryError when the words analyse into more than kMaxQueryWords terms.
  Xapian::Query build(const QueryNode& root, QueryTerms& terms, std::vector<QueryWord>& words);

  // The query for one word of query text (as the user typed it) with all
  // its forms: the normalized word, and its stem in each language it may be.
  // `native` (when given) receives the word's same-script forms alone, without
  // name key and translations: what tells whether the index knows the word.
  // `exact_term` (when given) receives its normalized, unstemmed term.
  Xapian::Query word(std::string_view raw_word, QueryTerms& terms, Xapian::Query* native = nullptr,
                     std::string* exact_term = nullptr);

 private:
  struct Context {
    bool drop_stopwords = true;
    bool negated = false;  // inside an excluded part: no snippet terms, no words
    QueryTerms* terms = nullptr;
    std::vector<QueryWord>* words = nullptr;
  };

  Xapian::Query node(const QueryNode& n, const Context& context);
  Xapian::Query word_node(const QueryNode& n, const Context& context);
  Xapian::Query phrase_node(const QueryNode& n, const Context& context);
  // A keyword, number or date filter: boolean, it never changes a score.
  Xapian::Query field_node(const QueryNode& n) const;
  // The term prefix of n's field (title or a text field), empty for the body.
  std::string field_prefix(const QueryNode& n) const;
  Xapian::Query sequence(const QueryNode& n, const Context& context);
  void add_joined_name_keys(std::span<const QueryNode> children, QueryTerms& terms,
                            std::vector<Xapian::Query>& optional);
  // The non-empty queries of `children` (of `n`'s list), each different.
  std::vector<Xapian::Query> distinct_parts(std::span<const QueryNode> children,
                                            const Context& context);
  bool keeps_stopword(const std::string& term);

  // Normalized terms of `text` (each word's unstemmed form), counted against
  // the query's limit; offsets of errors are relative to `base`.
  std::vector<std::string> exact_terms(std::string_view text, std::size_t base);
  void count_terms(std::size_t added, std::size_t offset);

  AnalysisContext& analysis_;
  FormWeights weights_;
  std::size_t term_count_ = 0;
  bool saw_stopword_ = false;
  std::set<std::string, std::less<>> kept_stopwords_;  // of a stopword-only query
  ExpansionOptions expansion_;                         // cross-language forms: see expansion.h
  const FieldSchema* fields_;
};

// The boolean query of one filter value of `field` (a keyword, number or
// date field): its term, or its value range ("10..20", "2025-11..", "2025").
Xapian::Query field_value_query(const FieldSpec& field, std::string_view value);

}  // namespace lisan::internal
