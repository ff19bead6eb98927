#include "lisan/searcher/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>

#include "database_source.h"
#include "document_words.h"
#include "index_metadata.h"
#include "language_facets.h"
#include "lisan/analyzers/error.h"
#include "lisan/indexer/schema.h"
#include "lisan/indexer/stored_document.h"
#include "match_counter.h"
#include "query_builder.h"
#include "query_parser.h"
#include "ranking.h"
#include "snippet.h"
#include "spelling.h"
#include "xapian_guard.h"

namespace lisan {
namespace {

// BM25's other parameters: k2 (query-length correction) off as in Xapian's
// default, k3 irrelevant for queries that repeat no word, and the floor of
// the normalized document length so that very short documents are not
// over-rewarded. k1 and b come from RankingOptions.
constexpr double kBm25K2 = 0.0;
constexpr double kBm25K3 = 1.0;
constexpr double kBm25MinNormLen = 0.5;

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

// "did you mean": the query with each unknown word replaced by its closest
// indexed word; empty when every word is known or none has a neighbour.
std::string suggest_spelling(const Xapian::Database& db, std::string_view query,
                             const std::vector<internal::QueryWord>& words,
                             SuggestionCache& cache) {
  std::string corrected(query);
  bool changed = false;
  // Each unknown word costs a scan of the term list (bounded per word); the
  // query as a whole gets at most kSpellingBudget.
  constexpr std::chrono::milliseconds kSpellingBudget{400};
  const auto deadline = std::chrono::steady_clock::now() + kSpellingBudget;
  // From the last word back, so that earlier offsets stay valid.
  for (auto word = words.rbegin(); word != words.rend(); ++word) {
    const std::string& exact = word->exact;
    bool known = false;
    for (auto term = word->query.get_terms_begin(); term != word->query.get_terms_end(); ++term) {
      if (db.term_exists(*term)) known = true;
    }
    if (known || exact.empty()) continue;
    std::optional<std::string> better;
    if (const std::optional<std::string>* cached = cache.find(exact)) {
      better = *cached;
    } else {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      internal::SpellingLimits limits;
      limits.budget = std::min(limits.budget, left);
      bool finished = false;
      better = internal::closest_indexed_word(db, exact, limits, &finished);
      if (finished) cache.add(exact, better);
    }
    if (better) {
      // Index terms are case-folded; keep a capital the user typed ("Tokayef" → "Tokayev").
      const char typed = query[word->offset];
      if (typed >= 'A' && typed <= 'Z' && (*better)[0] >= 'a' && (*better)[0] <= 'z') {
        (*better)[0] = static_cast<char>((*better)[0] - 'a' + 'A');
      }
      corrected.replace(word->offset, word->length, *better);
      changed = true;
    }
  }
  return changed ? corrected : std::string();
}

std::string join_paths(const std::vector<std::string>& paths) {
  std::string joined;
  for (const std::string& p : paths) joined += (joined.empty() ? "" : ", ") + p;
  return joined;
}

// BM25 alone does not promise that documents matching more of the query's
// words come first (a document repeating one rare word can outscore one
// holding every word once), so the best kCoordinationWindow hits are scored
// again (ranking.h: coordination in the score, by default) or, with
// RankingOptions::more_words_first, ordered by how many query words they
// match, then by score. The window does not depend on offset/limit, so pages stay
// consistent; below it, the order is BM25's.
constexpr Xapian::doccount kCoordinationWindow = 100;

Xapian::doccount clamp_count(std::size_t n) {
  constexpr std::size_t kMax = 1u << 30;  // far beyond any index lisan opens
  return static_cast<Xapian::doccount>(std::min(n, kMax));
}

// Stable sort of the first kCoordinationWindow hits by matched query words.
// A hit matches a word when it is in the posting list of one of the word's
// terms: a skip_to per term over the window's ascending document ids reads a
// few chunks of each posting list, where Enquire::get_matching_terms would
// decode every hit's whole term list (hundreds of terms for an article).
void put_more_words_first(const Xapian::Database& db, const std::vector<internal::QueryWord>& words,
                          std::vector<Xapian::MSetIterator>& order) {
  std::vector<std::vector<std::string>> word_terms;
  for (const internal::QueryWord& word : words) {
    word_terms.emplace_back(word.query.get_unique_terms_begin(), word.query.get_unique_terms_end());
    // A word found only in the title is found too (NTREX-128 articles hold
    // their headline in the title alone). Keys and translations do not count:
    // measured, counting them ranks documents that match many noisy
    // expansions first (cross-language MRR fell by up to 0.06).
    if (!word.exact.empty())
      word_terms.back().push_back(std::string(schema::kTitlePrefix) + word.exact);
  }
  const std::size_t window = std::min<std::size_t>(order.size(), kCoordinationWindow);
  std::vector<Xapian::docid> ids(window);
  for (std::size_t i = 0; i < window; ++i) ids[i] = *order[i];
  std::vector<Xapian::docid> ascending = ids;
  std::sort(ascending.begin(), ascending.end());
  std::vector<std::size_t> count(window);  // matched words, by position in `ascending`
  std::vector<char> has_word(window);
  for (const std::vector<std::string>& terms : word_terms) {
    std::fill(has_word.begin(), has_word.end(), 0);
    for (const std::string& term : terms) {
      Xapian::PostingIterator postings = db.postlist_begin(term);
      const Xapian::PostingIterator end = db.postlist_end(term);
      for (std::size_t i = 0; i < window && postings != end; ++i) {
        postings.skip_to(ascending[i]);
        if (postings != end && *postings == ascending[i]) has_word[i] = 1;
      }
    }
    for (std::size_t i = 0; i < window; ++i) count[i] += has_word[i];
  }
  std::vector<std::pair<std::size_t, Xapian::MSetIterator>> scored;
  for (std::size_t i = 0; i < window; ++i) {
    const auto at = std::lower_bound(ascending.begin(), ascending.end(), ids[i]);
    scored.emplace_back(count[static_cast<std::size_t>(at - ascending.begin())], order[i]);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = 0; i < window; ++i) order[i] = scored[i].second;
}

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

// Fills total, language_facets and estimated from a match and the language
// counts of the matches it looked at (`seen`). The facet counts of a sample
// are scaled to the estimated total.
void set_counts_from_match(const Xapian::MSet& mset, Xapian::doccount seen,
                           const std::map<std::string, Xapian::doccount>& languages,
                           SearchResults& results) {
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
    results.language_facets[code] = std::max<std::uint64_t>(count, 1);
  }
}

// Counts the matches of `query` and their languages, without weights;
// `ranked` is the ranked match of the query. `table` (of local databases) is
// used as such by the set count, and by a match spy when `single_db`.
void count_matches(const Xapian::Database& db, const Xapian::Query& query,
                   const Xapian::MSet& ranked, const internal::LanguageTable* table, bool single_db,
                   const Xapian::MatchDecider* deadline, SearchResults& results) {
  if (table != nullptr) {
    if (std::optional<internal::MatchCounts> exact =
            internal::count_matches_exactly(db, query, ranked, *table, kMaxCountedPostings)) {
      results.total = exact->total;
      results.estimated = false;
      for (const auto& [code, count] : exact->languages) results.language_facets[code] = count;
      return;
    }
  }
  Xapian::Enquire counter(db);
  counter.set_query(query);
  counter.set_weighting_scheme(Xapian::BoolWeight());
  if (table != nullptr && single_db) {
    internal::LanguageCounter languages(*table);
    counter.add_matchspy(&languages);
    const Xapian::MSet counted = counter.get_mset(0, 0, kExactCountsUpTo, nullptr, deadline);
    set_counts_from_match(counted, languages.total(), languages.counts(), results);
    return;
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
}

// True when `paths` is one local index folder: the only case where a match
// spy sees the document ids of the whole database (in a database of several,
// it sees each one's own).
bool is_single_local_index(const std::vector<std::string>& paths) {
  return paths.size() == 1 && internal::is_index_folder(paths.front());
}

bool are_all_local(const std::vector<std::string>& paths) {
  return std::all_of(paths.begin(), paths.end(), internal::is_local_source);
}

// SearchOptions::time_limit: checked between the stages of a search and, as
// a match decider that accepts every document, within Xapian's matches,
// where an expensive query spends its time. Xapian has no way to end a match
// early (Enquire::set_time_limit only stops check_at_least), so the decider
// throws, which unwinds through the matcher like any of its own errors.
class Deadline final : public Xapian::MatchDecider {
 public:
  explicit Deadline(std::chrono::steady_clock::duration limit)
      : limited_(limit > std::chrono::steady_clock::duration::zero()),
        limit_(limit),
        end_(std::chrono::steady_clock::now() + limit) {}

  void check() const {
    if (limited_ && std::chrono::steady_clock::now() >= end_) {
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(limit_).count();
      throw TimeLimitExceeded("the search took longer than its limit of " + std::to_string(ms) +
                              " ms");
    }
  }
  // The clock is read every 64 documents: a few nanoseconds each.
  bool operator()(const Xapian::Document&) const override {
    if (++seen_ % 64 == 0) check();
    return true;
  }
  // Null when there is no limit, so that the matcher keeps its fastest path.
  const Xapian::MatchDecider* decider() const { return limited_ ? this : nullptr; }

 private:
  bool limited_;
  std::chrono::steady_clock::duration limit_;
  std::chrono::steady_clock::time_point end_;
  mutable std::uint64_t seen_ = 0;
};

// Charges the time since the last lap to one stage of SearchTimings.
class StageClock {
 public:
  void lap(SearchTimings::Duration& stage) {
    const auto now = std::chrono::steady_clock::now();
    stage += now - last_;
    last_ = now;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace

struct Searcher::Impl {
  std::vector<std::string> paths;
  Xapian::Database db;
  AnalysisContext analysis;
  SuggestionCache suggestions;  // for `db` at the revision it was opened at
  // Read at the second search of local indexes: reading it is a pass over
  // every document's language term, which grows with the index while a
  // query's counting is bounded, so a one-query `lisan search` never pays
  // for it. Dropped when `db` is reopened.
  bool local = false;
  bool single_local = false;  // one index folder: LanguageCounter may spy on its matches
  std::uint64_t searches = 0;
  std::optional<internal::LanguageTable> languages;

  const internal::LanguageTable* language_table() {
    if (!local || searches < 2) return nullptr;
    if (!languages) languages.emplace(db);
    return &*languages;
  }
};

Searcher::Searcher(const std::vector<std::string>& db_paths) : impl_(std::make_unique<Impl>()) {
  if (db_paths.empty()) throw InvalidArgument("no index given to search");
  impl_->paths = db_paths;
  impl_->single_local = is_single_local_index(db_paths);
  impl_->local = are_all_local(db_paths);
  for (const std::string& path : db_paths) {
    internal::with_index_errors(path, [&] {
      Xapian::Database shard = internal::open_database(path);
      internal::check_index_compatible(shard, path);
      impl_->db.add_database(shard);
    });
  }
}

Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResults Searcher::search(std::string_view query, const SearchOptions& options) {
  ++impl_->searches;
  SearchResults results;
  results.query = std::string(query);
  const std::string where = join_paths(impl_->paths);
  bool retry = false;
  // One limit for the whole search, retries after a reopen included; within
  // a match only on local indexes (a decider does not travel to tcp:// shards).
  const Deadline deadline(options.time_limit);
  const Xapian::MatchDecider* match_deadline = impl_->local ? deadline.decider() : nullptr;
  internal::with_index_errors_reopening(where, impl_->db, [&] {
    // A retry runs on the reopened database, where words may be new.
    if (retry) {
      impl_->suggestions.clear();
      impl_->languages.reset();
    }
    retry = true;
    results.hits.clear();  // a retry after the index changed starts afresh
    results.language_facets.clear();
    results.estimated = false;
    results.timings = SearchTimings{};
    StageClock clock;
    const internal::QueryNode parsed = internal::parse_query(query);
    internal::QueryTerms terms;
    std::vector<internal::QueryWord> words;
    internal::QueryBuilder builder(
        impl_->analysis,
        {.exact_bonus = options.ranking.exact_bonus,
         .title = options.ranking.title_weight,
         .drop_question_words = options.ranking.question_words},
        {.transliterate = options.transliterate, .translate = options.translate});
    Xapian::Query xquery = builder.build(parsed, terms, words);
    clock.lap(results.timings.build_query);
    if (options.suggest)
      results.suggestion = suggest_spelling(impl_->db, query, words, impl_->suggestions);
    clock.lap(results.timings.spelling);
    deadline.check();
    if (xquery.empty()) return;
    if (options.language) {
      const Xapian::Query filter(std::string(schema::kLanguagePrefix) +
                                 std::string(language_code(*options.language)));
      xquery = Xapian::Query(Xapian::Query::OP_FILTER, xquery, filter);
    }
    if (options.explain) {
      results.query_description = xquery.get_description();
      results.expansions = terms.expansions;
    }

    Xapian::Enquire enquire(impl_->db);
    enquire.set_query(xquery);
    enquire.set_weighting_scheme(Xapian::BM25Weight(options.ranking.bm25_k1, kBm25K2, kBm25K3,
                                                    options.ranking.bm25_b, kBm25MinNormLen));
    const Xapian::doccount offset = clamp_count(options.offset);
    const Xapian::doccount limit = clamp_count(options.limit);
    // A page wholly below the window is in BM25 order: fetch just that page.
    const internal::SecondPhase phase{.coordination = options.ranking.coordination,
                                      .proximity = options.ranking.proximity};
    const bool coordinate = (options.ranking.more_words_first || phase.enabled()) &&
                            words.size() > 1 && offset < kCoordinationWindow;
    const Xapian::doccount first = coordinate ? 0 : offset;
    const Xapian::doccount wanted =
        coordinate ? std::max(kCoordinationWindow, clamp_count(options.offset + options.limit))
                   : limit;
    Xapian::MSet mset = enquire.get_mset(first, wanted, nullptr, match_deadline);
    deadline.check();
    // Counted in a pass of their own without weights: cheaper than making
    // the ranked match look at every match (which also stops it skipping
    // documents that cannot reach the page), 14 % of the one-word median
    // on the bench corpus; as sets of document ids where the language table
    // is at hand, a further 40 % of the match (docs/PERFORMANCE.md).
    count_matches(impl_->db, xquery, mset, impl_->language_table(), impl_->single_local,
                  match_deadline, results);
    deadline.check();
    clock.lap(results.timings.match);
    std::vector<Xapian::MSetIterator> order;
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) order.push_back(it);
    std::vector<double> scores;  // of the second phase, by position in `order`
    if (coordinate) {
      if (options.ranking.more_words_first) {
        put_more_words_first(impl_->db, words, order);
      } else {
        scores = internal::rescore(impl_->db, words, phase, kCoordinationWindow, order);
      }
      const std::size_t skip = std::min<std::size_t>(offset, order.size());
      order.erase(order.begin(), order.begin() + skip);
      if (order.size() > limit) order.resize(limit);
      if (!scores.empty()) {
        scores.erase(scores.begin(), scores.begin() + skip);
        scores.resize(order.size());
      }
    }
    clock.lap(results.timings.order);
    std::size_t rank = options.offset;
    for (std::size_t i = 0; i < order.size(); ++i) {
      const Xapian::MSetIterator& it = order[i];
      deadline.check();
      const Xapian::Document doc = it.get_document();
      StoredDocument stored = parse_document_data(doc.get_data());
      Hit hit;
      hit.rank = ++rank;
      hit.id = std::move(stored.id);
      hit.lang = std::move(stored.lang);
      hit.title = std::move(stored.title);
      hit.url = std::move(stored.url);
      hit.score = scores.empty() ? it.get_weight() : scores[i];
      const Language lang = parse_language(hit.lang).value_or(Language::kUnknown);
      clock.lap(results.timings.documents);
      if (options.snippets) {
        // Local indexes only: over tcp:// each posting list is a network
        // round trip, which can cost more than the reading it saves.
        const Xapian::docid docid = *it;
        internal::TextWords text_words;
        if (impl_->local) {
          text_words = [&](internal::WordMask asked) {
            return internal::words_in_document(impl_->db, mset, docid, terms, asked);
          };
        }
        hit.snippet = internal::make_snippet(impl_->analysis, stored.text, lang, terms,
                                             options.snippet_chars, text_words);
      }
      clock.lap(results.timings.snippets);
      if (options.explain) {
        for (auto term = enquire.get_matching_terms_begin(it);
             term != enquire.get_matching_terms_end(it); ++term) {
          hit.matched_terms.push_back(*term);
        }
      }
      results.hits.push_back(std::move(hit));
    }
  });
  return results;
}

IndexInfo Searcher::info() {
  IndexInfo info;
  internal::with_index_errors_reopening(join_paths(impl_->paths), impl_->db, [&] {
    info = IndexInfo{};  // a retry after the index changed starts afresh
    info.documents = impl_->db.get_doccount();
    const std::string lang_prefix(schema::kLanguagePrefix);
    for (auto it = impl_->db.allterms_begin(lang_prefix); it != impl_->db.allterms_end(lang_prefix);
         ++it) {
      info.languages[(*it).substr(lang_prefix.size())] = it.get_termfreq();
    }
    for (auto it = impl_->db.allterms_begin(); it != impl_->db.allterms_end(); ++it) ++info.terms;
    auto meta = [&](std::string_view key) { return impl_->db.get_metadata(std::string(key)); };
    info.schema_version = std::atoi(meta(schema::kSchemaVersionKey).c_str());
    info.analyzer = meta(schema::kAnalyzerNameKey);
    info.analyzer_version = std::atoi(meta(schema::kAnalyzerVersionKey).c_str());
    info.created = meta(schema::kCreatedKey);
    info.last_commit = meta(schema::kLastCommitKey);
  });
  return info;
}

}  // namespace lisan
