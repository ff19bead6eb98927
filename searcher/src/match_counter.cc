#include "match_counter.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <vector>

#include "lisan/format/schema.h"

namespace lisan::internal {
namespace {

// A set of document ids, one bit each.
class DocSet {
 public:
  explicit DocSet(Xapian::docid last) : words_(last / 64 + 1, 0) {}

  void add(Xapian::docid did) {
    if (did / 64 < words_.size()) words_[did / 64] |= std::uint64_t{1} << (did % 64);
  }
  void unite(const DocSet& other) {
    for (std::size_t i = 0; i < words_.size(); ++i) words_[i] |= other.words_[i];
  }
  void intersect(const DocSet& other) {
    for (std::size_t i = 0; i < words_.size(); ++i) words_[i] &= other.words_[i];
  }
  void subtract(const DocSet& other) {
    for (std::size_t i = 0; i < words_.size(); ++i) words_[i] &= ~other.words_[i];
  }
  void toggle(const DocSet& other) {
    for (std::size_t i = 0; i < words_.size(); ++i) words_[i] ^= other.words_[i];
  }
  bool empty() const {
    for (std::uint64_t word : words_) {
      if (word != 0) return false;
    }
    return true;
  }
  template <typename Visit>
  void for_each(Visit visit) const {
    for (std::size_t i = 0; i < words_.size(); ++i) {
      for (std::uint64_t word = words_[i]; word != 0; word &= word - 1) {
        visit(
            static_cast<Xapian::docid>(i * 64 + static_cast<std::size_t>(std::countr_zero(word))));
      }
    }
  }

 private:
  std::vector<std::uint64_t> words_;
};

// The postings a count of `query` reads, from the term frequencies the
// ranked match already looked up.
std::size_t postings_to_read(const Xapian::Database& db, const Xapian::Query& query,
                             const Xapian::MSet& ranked) {
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
      return ranked.get_termfreq(*query.get_terms_begin());
    case Xapian::Query::LEAF_MATCH_ALL:
      return db.get_doccount();
    default: {
      std::size_t postings = 0;
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        postings += postings_to_read(db, query.get_subquery(i), ranked);
      }
      return postings;
    }
  }
}

class SetEvaluator {
 public:
  SetEvaluator(const Xapian::Database& db, const Xapian::MSet& ranked)
      : db_(db), ranked_(ranked), last_(db.get_lastdocid()) {}

  // False when a part counted by Xapian's matcher was not counted exactly.
  bool exact() const { return exact_; }

  DocSet matches(const Xapian::Query& query) {
    switch (query.get_type()) {
      case Xapian::Query::LEAF_TERM:
      case Xapian::Query::LEAF_MATCH_ALL:
      case Xapian::Query::LEAF_MATCH_NOTHING:
      case Xapian::Query::OP_OR:
      case Xapian::Query::OP_SYNONYM:
      case Xapian::Query::OP_MAX: {
        DocSet set(last_);
        add_matches(query, set);
        return set;
      }
      case Xapian::Query::OP_AND:
      case Xapian::Query::OP_FILTER: {
        DocSet set = matches(query.get_subquery(0));
        for (std::size_t i = 1; i < query.get_num_subqueries() && !set.empty(); ++i) {
          set.intersect(matches(query.get_subquery(i)));
        }
        return set;
      }
      case Xapian::Query::OP_AND_NOT: {
        DocSet set = matches(query.get_subquery(0));
        for (std::size_t i = 1; i < query.get_num_subqueries() && !set.empty(); ++i) {
          set.subtract(matches(query.get_subquery(i)));
        }
        return set;
      }
      case Xapian::Query::OP_XOR: {
        DocSet set = matches(query.get_subquery(0));
        for (std::size_t i = 1; i < query.get_num_subqueries(); ++i) {
          set.toggle(matches(query.get_subquery(i)));
        }
        return set;
      }
      // Only the left side decides what matches; the rest weighs.
      case Xapian::Query::OP_AND_MAYBE:
      case Xapian::Query::OP_SCALE_WEIGHT:
        return matches(query.get_subquery(0));
      default:
        // Phrases, proximity, value ranges, wildcards, elite sets: Xapian's
        // own matcher, counting every match (BoolWeight, as the counting
        // pass this replaces did).
        return matched_by_xapian(query);
    }
  }

 private:
  // Adds the matches of `query` to `set`; a union writes straight into it.
  void add_matches(const Xapian::Query& query, DocSet& set) {
    switch (query.get_type()) {
      case Xapian::Query::LEAF_TERM:
        add_postings(*query.get_terms_begin(), set);
        return;
      case Xapian::Query::LEAF_MATCH_ALL:
        add_postings(std::string(), set);  // the empty term: every document
        return;
      case Xapian::Query::LEAF_MATCH_NOTHING:
        return;
      case Xapian::Query::OP_OR:
      case Xapian::Query::OP_SYNONYM:
      case Xapian::Query::OP_MAX:
        for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
          add_matches(query.get_subquery(i), set);
        }
        return;
      default:
        set.unite(matches(query));
    }
  }

  void add_postings(const std::string& term, DocSet& set) {
    // Most of an expanded word's terms are in no document (its stem in the
    // other languages, keys and translations the index lacks): the ranked
    // match has already looked them up, and opening them again costs a
    // B-tree lookup each.
    if (!term.empty() && ranked_.get_termfreq(term) == 0) return;
    const Xapian::PostingIterator end = db_.postlist_end(term);
    for (Xapian::PostingIterator it = db_.postlist_begin(term); it != end; ++it) set.add(*it);
  }

  DocSet matched_by_xapian(const Xapian::Query& query) {
    DocSet set(last_);
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    // Every match, from the match set rather than a match spy, which in a
    // database of several sees each one's own document ids. Its cost is
    // bounded by its terms' postings, counted in postings_to_read.
    const Xapian::doccount all = db_.get_doccount();
    const Xapian::MSet mset = enquire.get_mset(0, all, all);
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) set.add(*it);
    if (mset.get_matches_lower_bound() != mset.get_matches_upper_bound() ||
        mset.size() != mset.get_matches_lower_bound()) {
      exact_ = false;
    }
    return set;
  }

  const Xapian::Database& db_;
  const Xapian::MSet& ranked_;
  Xapian::docid last_;
  bool exact_ = true;
};

}  // namespace

std::optional<MatchCounts> count_matches_exactly(const Xapian::Database& db,
                                                 const Xapian::Query& query,
                                                 const Xapian::MSet& ranked,
                                                 const LanguageTable& table,
                                                 std::size_t max_postings) {
  // A set has a bit for every document id: past this many ids per posting
  // allowed, clearing and combining sets would cost more than reading the
  // postings that fill them.
  constexpr std::size_t kMaxIdsPerPosting = 64;
  if (db.get_lastdocid() / kMaxIdsPerPosting > max_postings) return std::nullopt;
  if (postings_to_read(db, query, ranked) > max_postings) return std::nullopt;
  SetEvaluator evaluator(db, ranked);
  const DocSet matched = evaluator.matches(query);
  if (!evaluator.exact()) return std::nullopt;
  LanguageCounter languages(table);
  matched.for_each([&](Xapian::docid did) {
    languages.add(did, [&] { return db.get_document(did).get_value(schema::kLanguageSlot); });
  });
  return MatchCounts{.total = languages.total(), .languages = languages.counts()};
}

namespace {

// Totals and language facets are exact up to this many matches (every match
// is looked at); past it they are Xapian's estimate and a sample's counts
// scaled to it, flagged as estimates. The sample is the first matches in
// document order, so on an index loaded language by language its split leans
// to the languages loaded first.
constexpr Xapian::doccount kExactCountsUpTo = 10000;

// With a table of every document's language, matches are counted exactly
// as sets of document ids (match_counter.h) while that reads at most this
// many postings: about 14 ns each on the bench corpus, so 1.4 ms, what
// counting 10,000 matches of an expanded query through Xapian's matcher
// costs. Past it, the estimate above.
constexpr std::size_t kMaxCountedPostings = 100000;

// Counts from a match and the language
// counts of the matches it looked at (`seen`). The facet counts of a sample
// are scaled to the estimated total.
void set_counts_from_match(const Xapian::MSet& mset, Xapian::doccount seen,
                           const std::map<std::string, Xapian::doccount>& languages,
                           ResultCounts& results) {
  results.total = mset.get_matches_estimated();
  results.estimated = mset.get_matches_lower_bound() != mset.get_matches_upper_bound() ||
                      seen != mset.get_matches_lower_bound();
  for (const auto& [code, seen_count] : languages) {
    std::uint64_t count = seen_count;
    if (results.estimated && seen > 0) {
      count = static_cast<std::uint64_t>(
          std::llround(static_cast<double>(count) * static_cast<double>(results.total) /
                       static_cast<double>(seen)));
    }
    results.languages[code] = std::max<std::uint64_t>(count, 1);
  }
}

}  // namespace

ResultCounts count_results(const Xapian::Database& db, const Xapian::Query& query,
                           const Xapian::MSet& ranked, const LanguageTable* table, bool single_db,
                           const Xapian::MatchDecider* deadline) {
  ResultCounts results;
  if (table != nullptr) {
    if (std::optional<MatchCounts> exact =
            count_matches_exactly(db, query, ranked, *table, kMaxCountedPostings)) {
      results.total = exact->total;
      results.estimated = false;
      for (const auto& [code, count] : exact->languages) results.languages[code] = count;
      return results;
    }
  }
  Xapian::Enquire counter(db);
  counter.set_query(query);
  counter.set_weighting_scheme(Xapian::BoolWeight());
  if (table != nullptr && single_db) {
    LanguageCounter languages(*table);
    counter.add_matchspy(&languages);
    const Xapian::MSet counted = counter.get_mset(0, 0, kExactCountsUpTo, nullptr, deadline);
    set_counts_from_match(counted, languages.total(), languages.counts(), results);
    return results;
  }
  // Each match's language value: works on any database, remote ones too.
  Xapian::ValueCountMatchSpy languages(schema::kLanguageSlot);
  counter.add_matchspy(&languages);
  const Xapian::MSet counted = counter.get_mset(0, 0, kExactCountsUpTo, nullptr, deadline);
  std::map<std::string, Xapian::doccount> counts;
  for (auto it = languages.values_begin(); it != languages.values_end(); ++it) {
    counts[*it] = it.get_termfreq();
  }
  set_counts_from_match(counted, languages.get_total(), counts, results);
  return results;
}

}  // namespace lisan::internal
