// Spelling suggestions from the index's own words: for a query word that is
// not in the index, the closest indexed word by edit distance.
//
// Why a scan of the term list and not Xapian's spelling table: the table
// costs the indexer one more write per distinct (document, word) pair, and
// that write is the indexer's main cost (docs/RANKING.md has the figures);
// the scan costs only the rare query with an unknown word, and is bounded in
// time. Arabic works the same way: index terms are already folded (no
// harakat, one alef, ه for ة), so distance counts real letter differences.
#pragma once

#include <xapian.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace lisan::internal {

struct SpellingLimits {
  // Time allowed per word; the scan stops there with the best word so far.
  std::chrono::milliseconds budget{150};
};

// Damerau–Levenshtein distance (adjacent transpositions count one) between
// two UTF-8 strings, counted in code points; any value above `max` is
// reported as max + 1 (the computation stops early).
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t max);

// The unprefixed (normalized, unstemmed) term of `db` closest to the
// normalized `word`: at most 1 edit for words of 4–5 letters, 2 from 6 on,
// none for shorter words (too many near neighbours to guess). Ties go to the
// more frequent word. nullopt when nothing is close enough. `finished`, when
// given, tells whether the scan saw every term (false: the budget ran out).
std::optional<std::string> closest_indexed_word(const Xapian::Database& db, std::string_view word,
                                                const SpellingLimits& limits = {},
                                                bool* finished = nullptr);

}  // namespace lisan::internal
