// Cross-language expansion of one query word: its cross-script name key and
// its dictionary translations, added to the word's OP_SYNONYM group so that
// the word still counts once however many forms it has (Pirkola's structured
// query). A document that has the very word still ranks above one matched
// through a key or a translation as strongly, by the exact-form bonus the
// query builder adds. (A further bonus for all same-script forms was
// measured and dropped: it lowered same-language MRR on NTREX-128.)
//
// Thread-safety: functions are thread-safe given a per-thread AnalysisContext
// (the lexicon they read is immutable and shared).
#pragma once

#include <xapian.h>

#include <string_view>
#include <vector>

#include "lisan/analyzers/analyzer.h"
#include "query_terms.h"

namespace lisan::internal {

struct ExpansionOptions {
  bool transliterate = true;  // the cross-script name key
  bool translate = true;      // FreeDict translations
};

// The query for a word whose same-script forms are `native_forms` (the
// normalized word and its stems), with its key and translations added as
// `options` allow. Records translated terms in `terms` (for snippets) and a
// readable line per expansion in `terms.expansions`.
// `raw_word` is the word as typed. Returns OP_SYNONYM of all the forms.
// `title_words` receives the words of its one-word translations (normalized,
// and their stems), to be looked for among title terms as the word itself is.
// OP_SYNONYM of `forms`, as a tree of synonyms of two subqueries each.
// Xapian 1.4 weighs a synonym by a document frequency it estimates from its
// subqueries two at a time, rounding to a whole number at each step, in an
// order set by each database's own frequencies: so the shards of a sharded
// index each estimated another figure from the same global statistics and
// scored the same document differently from one combined index. A pair's
// estimate is the same in either order, so fixed pairs give every layout
// the same figure.
Xapian::Query synonym_group(std::vector<Xapian::Query> forms);

Xapian::Query expand_word(AnalysisContext& analysis, std::string_view raw_word,
                          const std::vector<Xapian::Query>& native_forms,
                          const ExpansionOptions& options, QueryTerms& terms,
                          std::vector<std::string>& title_words);

}  // namespace lisan::internal
