// Turns query text into a Xapian::Query: each word analysed for every
// language it may belong to, its forms combined with OP_SYNONYM.
#pragma once

#include <xapian.h>

#include <string_view>

#include "expansion.h"
#include "lisan/analyzers/analyzer.h"
#include "query_terms.h"

namespace lisan::internal {

// Weights of a word's forms, relative to one another. Within an OP_SYNONYM
// group every form counts as the same word (Pirkola's structured query); the
// exact form also gets a bonus of its own so that the document with the very
// word ranks above one with a word sharing its stem.
struct FormWeights {
  double exact_bonus = 0.25;
  double title = 0.5;
};

class QueryBuilder {
 public:
  explicit QueryBuilder(AnalysisContext& analysis, ExpansionOptions expansion = {})
      : analysis_(analysis), expansion_(expansion) {}

  // The ranked query for free text (words; each analysed for ar, or en and id).
  // Stopwords of every language are dropped unless nothing else is left.
  Xapian::Query words(std::string_view text, QueryTerms& terms);

  // The query for one word of query text (as the user typed it) with all
  // its forms: the normalized word, and its stem in each language it may be.
  Xapian::Query word(std::string_view raw_word, QueryTerms& terms);

 private:
  AnalysisContext& analysis_;
  FormWeights weights_;
  ExpansionOptions expansion_;  // cross-language forms: see expansion.h
};

}  // namespace lisan::internal
