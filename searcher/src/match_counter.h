// Exact match counts and language facets from the query's posting lists.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "language_facets.h"

namespace lisan::internal {

struct MatchCounts {
  Xapian::doccount total = 0;
  std::map<std::string, Xapian::doccount> languages;  // by language code
};

// Counts every document `query` matches, and their languages, by evaluating
// the query as sets of document ids: each term's posting list is read once
// into a bitset and the sets are combined as the operators say. A ranked
// match cannot do this job cheaply: counting with Xapian's matcher walks
// the same expanded query a second time, one document at a time through
// an OR tree of twenty or more terms, and it was more than half of a
// one-word query's match time (docs/PERFORMANCE.md). Phrases, proximity,
// value ranges and the other operators sets cannot express are counted by
// Xapian's matcher, on their own.
//
// `db` must be local, one database or several (their posting lists are read
// whole), `ranked` a match of `query` on it (its term frequencies tell the cost
// before any posting is read) and `table` read from `db`. Returns nullopt,
// and the caller counts another way, when the count would read more than
// `max_postings` postings.
std::optional<MatchCounts> count_matches_exactly(const Xapian::Database& db,
                                                 const Xapian::Query& query,
                                                 const Xapian::MSet& ranked,
                                                 const LanguageTable& table,
                                                 std::size_t max_postings);

// The total and language facets of a search, as SearchResults reports them.
struct ResultCounts {
  std::uint64_t total = 0;
  bool estimated = false;  // total and languages are estimates (see below)
  std::map<std::string, std::uint64_t> languages;
};

// Counts the matches of `query` and their languages, without weights;
// `ranked` is the ranked match of the query. Exactly as sets of document ids
// when `table` (of local databases) is given and the count is cheap enough;
// else through Xapian's matcher, exactly up to 10,000 matches and estimated
// past them. `single_db`: `db` is one local index, where a match spy sees the
// whole database's document ids. `deadline` is the search's match decider.
ResultCounts count_results(const Xapian::Database& db, const Xapian::Query& query,
                           const Xapian::MSet& ranked, const LanguageTable* table, bool single_db,
                           const Xapian::MatchDecider* deadline);

}  // namespace lisan::internal
