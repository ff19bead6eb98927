// The second ranking phase (docs/RANKING.md): the best hits of BM25's match
// are scored again with what BM25 does not see, how many of the query's
// words a document holds (coordination) and how close together they stand
// in it (proximity), then put in the order of the new score.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <vector>

#include "query_builder.h"

namespace lisan::internal {

struct SecondPhase {
  // A document's BM25 score is multiplied by 1 - coordination + coordination
  // × (its matched words / the query's words): 0 leaves BM25 alone.
  double coordination = 0;
  // Weight of the proximity bonus, added to the score: for each query word,
  // its idf × a/(1 + a), where a sums 1/d² over the occurrences of the other
  // query words within kProximityWindow positions (d apart), as BM25TP does.
  double proximity = 0;
  bool enabled() const { return coordination > 0 || proximity > 0; }
};

// Words closer than this many positions count as near each other.
inline constexpr unsigned kProximityWindow = 5;

// Scores the first `window` hits of `order` (a match, best first) again,
// sorts them by the new score (stable: ties keep BM25's order) and returns
// the scores of all of `order` (BM25's below the window, which stays in
// BM25's order: the window does not depend on the page asked for, so pages
// agree). `words` are the query's positive words with their same-script
// forms; with fewer than two, nothing changes (and no scores).
std::vector<double> rescore(const Xapian::Database& db, const std::vector<QueryWord>& words,
                            const SecondPhase& phase, std::size_t window,
                            std::vector<Xapian::MSetIterator>& order);

}  // namespace lisan::internal
