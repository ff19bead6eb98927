#include "lisan/searcher/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>

#include "database_source.h"
#include "deadline.h"
#include "document_words.h"
#include "field_facets.h"
#include "language_facets.h"
#include "lisan/analyzers/error.h"
#include "lisan/format/internal/index_metadata.h"
#include "lisan/format/internal/xapian_errors.h"
#include "lisan/format/schema.h"
#include "lisan/format/stored_document.h"
#include "match_counter.h"
#include "query_builder.h"
#include "query_parser.h"
#include "ranking.h"
#include "snippet.h"
#include "spelling.h"
#include "translation.h"

namespace lisan {
namespace {

// BM25's other parameters: k2 (query-length correction) off as in Xapian's
// default, k3 irrelevant for queries that repeat no word, and the floor of
// the normalized document length so that very short documents are not
// over-rewarded. k1 and b come from RankingOptions.
constexpr double kBm25K2 = 0.0;
constexpr double kBm25K3 = 1.0;
constexpr double kBm25MinNormLen = 0.5;

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

// True when `paths` is one local index folder: the only case where a match
// spy sees the document ids of the whole database (in a database of several,
// it sees each one's own).
bool is_single_local_index(const std::vector<std::string>& paths) {
  return paths.size() == 1 && internal::is_index_folder(paths.front());
}

bool are_all_local(const std::vector<std::string>& paths) {
  return std::all_of(paths.begin(), paths.end(), internal::is_local_source);
}

// Charges the time since the last lap to one stage of SearchTimings; reads
// no clock when the search is not explained (`into` null).
class StageClock {
 public:
  using Stage = SearchTimings::Duration SearchTimings::*;

  explicit StageClock(SearchTimings* into) : into_(into) {
    if (into_ != nullptr) last_ = std::chrono::steady_clock::now();
  }

  void lap(Stage stage) {
    if (into_ == nullptr) return;
    const auto now = std::chrono::steady_clock::now();
    into_->*stage += now - last_;
    last_ = now;
  }

 private:
  SearchTimings* into_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace

namespace {

// A query made ready to run: its Xapian query, the terms that may match
// (for snippets) and its positive words (for spelling and ordering).
struct PreparedQuery {
  Xapian::Query query;
  internal::QueryTerms terms;
  std::vector<internal::QueryWord> words;
};

internal::SecondPhase second_phase(const SearchOptions& options) {
  return {.coordination = options.ranking.coordination, .proximity = options.ranking.proximity};
}

// Whether the order stage reorders the coordination window (a page wholly
// below it stays in BM25 order).
bool reorders_window(const PreparedQuery& prepared, const SearchOptions& options) {
  // A sort by a field is the order asked for.
  if (options.sort) return false;
  return (options.ranking.more_words_first || second_phase(options).enabled()) &&
         prepared.words.size() > 1 && options.offset < kCoordinationWindow;
}

// A ranked match and the page of it to show, in display order.
struct RankedPage {
  Xapian::Enquire enquire;
  Xapian::MSet mset;
  std::vector<Xapian::MSetIterator> order;
  std::vector<double> scores;  // of the second phase, by position in `order`; empty: BM25's
  // Of a sort by a field; on the heap, as the enquire holds its address.
  std::unique_ptr<internal::MissingLastKeyMaker> key_maker;
};

// Drops what comes before the page (when the match began at the window's
// top) and what comes after it, from the order and its scores alike.
void keep_page(RankedPage& page, const SearchOptions& options) {
  const Xapian::doccount first = page.mset.get_firstitem();
  const std::size_t skip =
      std::min<std::size_t>(options.offset > first ? options.offset - first : 0, page.order.size());
  page.order.erase(page.order.begin(), page.order.begin() + static_cast<std::ptrdiff_t>(skip));
  if (page.order.size() > options.limit) page.order.resize(options.limit);
  if (!page.scores.empty()) {
    page.scores.erase(page.scores.begin(), page.scores.begin() + static_cast<std::ptrdiff_t>(skip));
    page.scores.resize(page.order.size());
  }
}

// The field schema stored in the metadata of `db` (the built-in fields when
// none is).
FieldSchema read_field_schema(const Xapian::Database& db, const std::string& path) {
  try {
    return FieldSchema::from_metadata(db.get_metadata(std::string(schema::kFieldsKey)));
  } catch (const InvalidArgument&) {
    throw IndexError("index " + path +
                     " holds a field schema this lisan cannot read: "
                     "rebuild the index with this lisan");
  }
}

// The stored fields a hit shows: all, or those asked for.
FieldValues chosen_fields(FieldValues stored, const std::vector<std::string>& wanted) {
  if (wanted.empty()) return stored;
  FieldValues chosen;
  for (const std::string& name : wanted) {
    if (auto it = stored.find(name); it != stored.end()) chosen.insert(std::move(*it));
  }
  return chosen;
}

}  // namespace

struct Searcher::Impl {
  std::vector<std::string> paths;
  Xapian::Database db;
  AnalysisContext analysis;
  internal::SuggestionCache suggestions;  // for `db` at the revision it was opened at
  // Read at the second search of local indexes: reading it is a pass over
  // every document's language term, which grows with the index while a
  // query's counting is bounded, so a one-query `lisan search` never pays
  // for it. Dropped when `db` is reopened.
  bool local = false;
  bool single_local = false;  // one index folder: LanguageCounter may spy on its matches
  std::uint64_t searches = 0;
  std::optional<internal::LanguageTable> languages;
  FieldSchema fields;  // of the first index; the others are taken to agree

  const internal::LanguageTable* language_table() {
    if (!local || searches < 2) return nullptr;
    if (!languages) languages.emplace(db);
    return &*languages;
  }
  // What was read at one revision of `db` no longer holds once it reopens.
  void forget_revision() {
    suggestions.clear();
    languages.reset();
  }

  void run(std::string_view query, const SearchOptions& options, const internal::Deadline& deadline,
           SearchResults& results);
  PreparedQuery prepare(std::string_view query, const SearchOptions& options);
  Xapian::Query filters(const SearchOptions& options);
  void set_order(Xapian::Enquire& enquire, const SearchOptions& options,
                 std::unique_ptr<internal::MissingLastKeyMaker>& key_maker) const;
  RankedPage match(const PreparedQuery& prepared, const SearchOptions& options,
                   const internal::Deadline& deadline, SearchResults& results);
  void fetch_hits(const RankedPage& page, const PreparedQuery& prepared,
                  const SearchOptions& options, const internal::Deadline& deadline,
                  StageClock& clock, SearchResults& results);
  void count_field_facets(const PreparedQuery& prepared, const SearchOptions& options,
                          const Xapian::MatchDecider* match_deadline, SearchResults& results) {
    if (options.facets.empty()) return;
    std::vector<internal::FacetRequest> requests;
    for (const std::string& name : options.facets) {
      requests.push_back(internal::facet_request(fields, name));
    }
    results.facets =
        internal::count_facets(db, prepared.query, requests, options.facet_values, match_deadline);
  }
  MarkedText snippet(const RankedPage& page, const Xapian::MSetIterator& it,
                     const std::string& text, Language lang, const PreparedQuery& prepared,
                     const SearchOptions& options);
};

bool has_translation_dictionaries() { return internal::Lexicon::installed().size() > 0; }

Searcher::Searcher(const std::vector<std::string>& db_paths) : impl_(std::make_unique<Impl>()) {
  if (db_paths.empty()) throw InvalidArgument("no index given to search");
  impl_->paths = db_paths;
  impl_->single_local = is_single_local_index(db_paths);
  impl_->local = are_all_local(db_paths);
  for (const std::string& path : db_paths) {
    internal::with_index_errors(path, [&] {
      Xapian::Database shard = internal::open_database(path);
      internal::check_index_compatible(shard, path);
      if (impl_->db.size() == 0) impl_->fields = read_field_schema(shard, path);
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
  bool retry = false;
  // One limit for the whole search, retries after a reopen included.
  const internal::Deadline deadline(options.time_limit);
  internal::with_index_errors_reopening(join_paths(impl_->paths), impl_->db, [&] {
    // A retry runs on the reopened database, where words may be new, and
    // starts afresh.
    if (retry) impl_->forget_revision();
    retry = true;
    results = SearchResults{};
    results.query = std::string(query);
    impl_->run(query, options, deadline, results);
  });
  return results;
}

// The stages of a search, one after another, each timed.
void Searcher::Impl::run(std::string_view query, const SearchOptions& options,
                         const internal::Deadline& deadline, SearchResults& results) {
  if (options.explain) results.explanation.emplace();
  StageClock clock(options.explain ? &results.explanation->timings : nullptr);
  const PreparedQuery prepared = prepare(query, options);
  clock.lap(&SearchTimings::build_query);
  if (options.suggest)
    results.suggestion = internal::suggest_spelling(db, query, prepared.words, suggestions);
  clock.lap(&SearchTimings::spelling);
  deadline.check();
  if (prepared.query.empty()) return;
  if (options.explain) {
    results.explanation->query_description = prepared.query.get_description();
    results.explanation->expansions = prepared.terms.expansions;
  }
  RankedPage page = match(prepared, options, deadline, results);
  clock.lap(&SearchTimings::match);
  if (reorders_window(prepared, options)) {
    if (options.ranking.more_words_first) {
      put_more_words_first(db, prepared.words, page.order);
    } else {
      page.scores = internal::rescore(db, prepared.words, second_phase(options),
                                      kCoordinationWindow, page.order);
    }
  }
  keep_page(page, options);
  clock.lap(&SearchTimings::order);
  fetch_hits(page, prepared, options, deadline, clock, results);
}

PreparedQuery Searcher::Impl::prepare(std::string_view query, const SearchOptions& options) {
  PreparedQuery prepared;
  const internal::QueryNode parsed = internal::parse_query(query, fields);
  internal::QueryBuilder builder(
      analysis,
      {.exact_bonus = options.ranking.exact_bonus,
       .title = options.ranking.title_weight,
       .drop_question_words = options.ranking.question_words},
      {.transliterate = options.transliterate, .translate = options.translate}, &fields);
  prepared.query = builder.build(parsed, prepared.terms, prepared.words);
  if (const Xapian::Query filter = filters(options); !filter.empty()) {
    if (prepared.query.empty()) prepared.query = Xapian::Query::MatchAll;
    prepared.query = Xapian::Query(Xapian::Query::OP_FILTER, prepared.query, filter);
  }
  if (options.language && !prepared.query.empty()) {
    const Xapian::Query filter(std::string(schema::kLanguagePrefix) +
                               std::string(language_code(*options.language)));
    prepared.query = Xapian::Query(Xapian::Query::OP_FILTER, prepared.query, filter);
  }
  return prepared;
}

// SearchOptions::filters as one boolean query (empty when there are none).
// An error's offset is the filter's own, its message names the filter.
Xapian::Query Searcher::Impl::filters(const SearchOptions& options) {
  std::vector<Xapian::Query> parts;
  for (const std::string& filter : options.filters) {
    try {
      internal::QueryTerms ignored_terms;
      std::vector<internal::QueryWord> ignored_words;
      internal::QueryBuilder builder(analysis, {}, {.transliterate = false, .translate = false},
                                     &fields);
      Xapian::Query part =
          builder.build(internal::parse_query(filter, fields), ignored_terms, ignored_words);
      if (!part.empty()) parts.push_back(std::move(part));
    } catch (const QueryError& e) {
      throw QueryError("filter \"" + filter + "\": " + e.what(), e.offset());
    }
  }
  if (parts.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

// Relevance, or SearchOptions::sort then relevance.
void Searcher::Impl::set_order(Xapian::Enquire& enquire, const SearchOptions& options,
                               std::unique_ptr<internal::MissingLastKeyMaker>& key_maker) const {
  if (!options.sort) return;
  const FieldSpec* field = fields.find(options.sort->field);
  if (field == nullptr)
    throw InvalidArgument("no field \"" + options.sort->field + "\" to sort by");
  if (field->type == FieldType::kText) {
    throw InvalidArgument("\"" + field->name +
                          "\" is a text field: sort by a keyword, number "
                          "or date field");
  }
  if (!local) {
    // A key maker does not travel to tcp:// shards: there, documents
    // without the field sort as the smallest value.
    enquire.set_sort_by_value_then_relevance(field->slot, options.sort->descending);
    return;
  }
  key_maker =
      std::make_unique<internal::MissingLastKeyMaker>(field->slot, options.sort->descending);
  enquire.set_sort_by_key_then_relevance(key_maker.get(), options.sort->descending);
}

// The ranked match of the page (or of the whole coordination window, which
// the order stage reorders), then the total and language facets.
RankedPage Searcher::Impl::match(const PreparedQuery& prepared, const SearchOptions& options,
                                 const internal::Deadline& deadline, SearchResults& results) {
  // Within a match only on local indexes: a decider does not travel to tcp:// shards.
  const Xapian::MatchDecider* match_deadline = local ? deadline.decider() : nullptr;
  RankedPage page{Xapian::Enquire(db), {}, {}, {}, {}};
  page.enquire.set_query(prepared.query);
  page.enquire.set_weighting_scheme(Xapian::BM25Weight(options.ranking.bm25_k1, kBm25K2, kBm25K3,
                                                       options.ranking.bm25_b, kBm25MinNormLen));
  set_order(page.enquire, options, page.key_maker);
  const bool whole_window = reorders_window(prepared, options);
  const Xapian::doccount first = whole_window ? 0 : clamp_count(options.offset);
  const Xapian::doccount wanted =
      whole_window ? std::max(kCoordinationWindow, clamp_count(options.offset + options.limit))
                   : clamp_count(options.limit);
  page.mset = page.enquire.get_mset(first, wanted, nullptr, match_deadline);
  deadline.check();
  // Counted in a pass of their own without weights: cheaper than making
  // the ranked match look at every match (which also stops it skipping
  // documents that cannot reach the page), 14 % of the one-word median
  // on the bench corpus; as sets of document ids where the language table
  // is at hand, a further 40 % of the match (docs/PERFORMANCE.md).
  internal::ResultCounts counts = internal::count_results(
      db, prepared.query, page.mset, language_table(), single_local, match_deadline);
  results.total = counts.total;
  results.estimated = counts.estimated;
  results.language_facets = std::move(counts.languages);
  deadline.check();
  count_field_facets(prepared, options, match_deadline, results);
  for (Xapian::MSetIterator it = page.mset.begin(); it != page.mset.end(); ++it) {
    page.order.push_back(it);
  }
  return page;
}

void Searcher::Impl::fetch_hits(const RankedPage& page, const PreparedQuery& prepared,
                                const SearchOptions& options, const internal::Deadline& deadline,
                                StageClock& clock, SearchResults& results) {
  std::size_t rank = options.offset;
  for (std::size_t i = 0; i < page.order.size(); ++i) {
    const Xapian::MSetIterator& it = page.order[i];
    deadline.check();
    StoredDocument stored = parse_document_data(it.get_document().get_data());
    Hit hit;
    hit.rank = ++rank;
    hit.id = std::move(stored.id);
    hit.lang = std::move(stored.lang);
    hit.title = std::move(stored.title);
    hit.url = std::move(stored.url);
    hit.fields = chosen_fields(std::move(stored.fields), options.fields);
    hit.score = page.scores.empty() ? it.get_weight() : page.scores[i];
    clock.lap(&SearchTimings::documents);
    if (options.snippets) {
      const Language lang = parse_language(hit.lang).value_or(Language::kUnknown);
      hit.snippet = snippet(page, it, stored.text, lang, prepared, options);
    }
    clock.lap(&SearchTimings::snippets);
    if (options.explain) {
      for (auto term = page.enquire.get_matching_terms_begin(it);
           term != page.enquire.get_matching_terms_end(it); ++term) {
        hit.matched_terms.push_back(*term);
      }
    }
    results.hits.push_back(std::move(hit));
  }
}

MarkedText Searcher::Impl::snippet(const RankedPage& page, const Xapian::MSetIterator& it,
                                   const std::string& text, Language lang,
                                   const PreparedQuery& prepared, const SearchOptions& options) {
  // Local indexes only: over tcp:// each posting list is a network round
  // trip, which can cost more than the reading it saves.
  internal::TextWords text_words;
  if (local) {
    const Xapian::docid docid = *it;
    text_words = [this, &page, &prepared, docid](internal::WordMask asked) {
      return internal::words_in_document(db, page.mset, docid, prepared.terms, asked);
    };
  }
  return internal::make_snippet(analysis, text, lang, prepared.terms, options.snippet_chars,
                                text_words);
}

const FieldSchema& Searcher::fields() const noexcept { return impl_->fields; }

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
    info.fields = impl_->fields.fields();
  });
  return info;
}

}  // namespace lisan
