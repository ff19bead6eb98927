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
#include <unordered_map>
#include <vector>

#include "query_builder.h"

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
// more frequent word. nullopt when nothing is close enough. The words that
// begin with the same letter are read first — a typo seldom hits the first
// letter, and they are a small part of the term list — and the whole list
// only when none of them is close enough. `finished`, when
// given, tells whether the scan saw every term (false: the budget ran out).
std::optional<std::string> closest_indexed_word(const Xapian::Database& db, std::string_view word,
                                                const SpellingLimits& limits = {},
                                                bool* finished = nullptr);

// Closest indexed words found so far, by unknown word. A scan of the term
// list costs up to SpellingLimits::budget (over 100 ms on the bench corpus),
// and the answer depends only on the index, which a Searcher sees at one
// revision: so a word is scanned for once (unless its scan ran out of time),
// until the database is reopened.
class SuggestionCache {
 public:
  const std::optional<std::string>* find(const std::string& word) const {
    const auto it = closest_.find(word);
    return it == closest_.end() ? nullptr : &it->second;
  }
  void add(const std::string& word, const std::optional<std::string>& closest) {
    if (closest_.size() >= kMaxWords) closest_.clear();  // bounded memory; rarely reached
    closest_.emplace(word, closest);
  }
  void clear() { closest_.clear(); }

 private:
  static constexpr std::size_t kMaxWords = 10000;
  std::unordered_map<std::string, std::optional<std::string>> closest_;
};

// The corrections of a query's words: one for each word none of whose
// forms the index holds and that has a close indexed word. Bounded in time:
// 150 ms per word, 400 ms for the query as a whole.
std::vector<Correction> find_corrections(const Xapian::Database& db,
                                         const std::vector<QueryWord>& words,
                                         SuggestionCache& cache);

// "did you mean": `query` with each corrected word replaced (keeping a capital
// the user typed: "Tokayef" → "Tokayev"); empty when there is no correction.
std::string corrected_query(std::string_view query, const std::vector<Correction>& corrections);

}  // namespace lisan::internal
