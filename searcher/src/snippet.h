// Snippets: the passage of a document that best shows why it matched, with
// the matching words marked as the document's own analysis sees them.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

#include "lisan/analyzers/analyzer.h"
#include "lisan/searcher/searcher.h"
#include "query_terms.h"

namespace lisan::internal {

inline constexpr std::size_t kMaxSnippetScanBytes = 1 << 20;

// A passage of about `max_chars` characters of `text` around the densest run
// of matching words ("…" where it cuts the text). Words are marked when their
// unstemmed term or their stem is among `terms`; the mark spans the whole
// word (an Arabic word matched by its stem is marked with its article).
// Of a text longer than 8 KB, the passage comes from the first 8 KB, or from
// around the first matches after it when there are none there.
// Requires: `text` is well-formed UTF-8. No match: the start of the text.
// Only the first kMaxSnippetScanBytes of `text` are read (bounded work), so a
// match beyond them gives the start of the text, unmarked.
//
// `text_words`, when given, answers which of the query words it is asked
// about the document's text holds (by the index). It is asked at most once,
// when kAskTextWordsAfterBytes have been read without a passage holding every
// query word: a text that lacks a word (an OR query's hit, or one matched by
// its title alone) then stops at the first passage holding the words it has,
// where it was read to its end, or to the scan limit while matches went on.
using TextWords = std::function<WordMask(WordMask asked)>;
inline constexpr std::size_t kAskTextWordsAfterBytes = 2 * 1024;
MarkedText make_snippet(AnalysisContext& analysis, std::string_view text, Language lang,
                        const QueryTerms& terms, std::size_t max_chars,
                        const TextWords& text_words = {});

}  // namespace lisan::internal
