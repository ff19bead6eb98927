#include "lisan/searcher/searcher.h"

#include <xapian.h>

#include <filesystem>

#include "index_metadata.h"
#include "lisan/analyzers/error.h"
#include "lisan/indexer/schema.h"
#include "lisan/indexer/stored_document.h"
#include "query_builder.h"
#include "snippet.h"
#include "xapian_guard.h"

namespace lisan {
namespace {

// BM25 parameters (Xapian's defaults are k1=1, b=0.5); see docs for tuning.
constexpr double kBm25K1 = 1.2;
constexpr double kBm25K2 = 0.0;
constexpr double kBm25K3 = 1.0;
constexpr double kBm25B = 0.75;
constexpr double kBm25MinNormLen = 0.5;

std::string join_paths(const std::vector<std::string>& paths) {
  std::string joined;
  for (const std::string& p : paths) joined += (joined.empty() ? "" : ", ") + p;
  return joined;
}

}  // namespace

struct Searcher::Impl {
  std::vector<std::string> paths;
  Xapian::Database db;
  AnalysisContext analysis;
};

Searcher::Searcher(const std::vector<std::string>& db_paths) : impl_(std::make_unique<Impl>()) {
  if (db_paths.empty()) throw InvalidArgument("no index given to search");
  impl_->paths = db_paths;
  for (const std::string& path : db_paths) {
    std::error_code error;
    if (!std::filesystem::exists(path, error)) {
      throw IndexError("no index at " + path + " (run `lisan index --db " + path +
                       " PATH…` first)");
    }
    if (!std::filesystem::is_directory(path, error)) {
      throw IndexError("index path " + path + " is not an index folder");
    }
    internal::with_index_errors(path, [&] {
      Xapian::Database shard(path);
      internal::check_index_compatible(shard, path);
      impl_->db.add_database(shard);
    });
  }
}

Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResults Searcher::search(std::string_view query, const SearchOptions& options) {
  SearchResults results;
  results.query = std::string(query);
  const std::string where = join_paths(impl_->paths);
  internal::with_index_errors_reopening(where, impl_->db, [&] {
    results.hits.clear();  // a retry after the index changed starts afresh
    results.language_facets.clear();
    internal::QueryTerms terms;
    internal::QueryBuilder builder(impl_->analysis);
    Xapian::Query xquery = builder.words(query, terms);
    if (xquery.empty()) return;
    if (options.language) {
      const Xapian::Query filter(std::string(schema::kLanguagePrefix) +
                                 std::string(language_code(*options.language)));
      xquery = Xapian::Query(Xapian::Query::OP_FILTER, xquery, filter);
    }
    if (options.explain) results.query_description = xquery.get_description();

    Xapian::Enquire enquire(impl_->db);
    enquire.set_query(xquery);
    enquire.set_weighting_scheme(
        Xapian::BM25Weight(kBm25K1, kBm25K2, kBm25K3, kBm25B, kBm25MinNormLen));
    Xapian::ValueCountMatchSpy languages(schema::kLanguageSlot);
    enquire.add_matchspy(&languages);
    // Looking at every match makes the facet counts exact on indexes of the
    // size lisan targets; beyond it, they are counts over a sample.
    constexpr Xapian::doccount kCheckAtLeast = 10000;
    Xapian::MSet mset =
        enquire.get_mset(static_cast<Xapian::doccount>(options.offset),
                         static_cast<Xapian::doccount>(options.limit), kCheckAtLeast);
    results.total = mset.get_matches_estimated();
    for (auto it = languages.values_begin(); it != languages.values_end(); ++it) {
      results.language_facets[*it] = it.get_termfreq();
    }
    std::size_t rank = options.offset;
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
      const Xapian::Document doc = it.get_document();
      StoredDocument stored = parse_document_data(doc.get_data());
      Hit hit;
      hit.rank = ++rank;
      hit.id = std::move(stored.id);
      hit.lang = std::move(stored.lang);
      hit.title = std::move(stored.title);
      hit.url = std::move(stored.url);
      hit.score = it.get_weight();
      const Language lang = parse_language(hit.lang).value_or(Language::kUnknown);
      hit.snippet =
          internal::make_snippet(impl_->analysis, stored.text, lang, terms, options.snippet_chars);
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
