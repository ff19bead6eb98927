// The relevance suite of docs/RANKING.md: every judged task of the shared
// corpus (native questions, translated questions across languages,
// headlines, first sentences and rare keywords, each with its one relevant
// document), run against lisan and against plain Xapian (TermGenerator +
// QueryParser, BM25) indexed from the same documents in the same run.
//
// Thread-safety: a Suite is used from one thread; engines own Xapian handles.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lisan/analyzers/language.h"
#include "lisan/searcher/searcher.h"
#include "support/parallel_documents.h"

namespace lisan::relevance {

using Document = eval::ParallelDocument;

// A set of documents indexed together (every language of a parallel set).
struct Collection {
  std::string name;
  std::vector<Document> documents;
};

// Every task is split into a tuning and a checking half by a fixed hash of
// the query's id (a derived query's id names its document, so the same
// document's queries in every language fall in the same half): constants
// are chosen on the tuning halves only, so that a gain that does not
// generalize shows on the other.
enum class Half { kTuning, kChecking };
Half half_of(const std::string& query_id);

struct Query {
  std::string id;  // the question's id, or one made from the document and the kind
  std::string text;
  Language language = Language::kUnknown;      // of the query
  Language doc_language = Language::kUnknown;  // searched (a filter)
  std::string relevant_id;
};

struct Task {
  std::string name;            // e.g. "tydi/id question", "xquad ar>en question"
  std::size_t collection = 0;  // index into Suite::collections
  bool question = false;       // written by people (else derived from the document)
  std::vector<Query> queries;
};

struct Suite {
  std::vector<Collection> collections;
  std::vector<Task> tasks;
};

// Reads the shared corpus folder (CORPUS, holding qa/ and parallel/) and
// derives the known-item queries. Tasks whose name does not start with one
// of `only` (when not empty) are left out, and so are collections no task
// uses. Throws std::runtime_error when a file cannot be read.
Suite load_suite(const std::string& corpus_dir, const std::vector<std::string>& only = {});

// The ranked ids (best first, at most `depth`) for one query.
class Engine {
 public:
  virtual ~Engine() = default;
  virtual std::vector<std::string> search(const Query& query, std::size_t depth) = 0;
};

// Index `collection` into a new folder `db_path` and search it.
std::unique_ptr<Engine> make_lisan(const Collection& collection, const std::string& db_path,
                                   SearchOptions options);
// Xapian's own analysis (TermGenerator with the document language's Snowball
// stemmer, title and text as one field, QueryParser with the query language's
// stemmer, STEM_SOME) and its default BM25 weights: what a user of Xapian
// gets without lisan.
std::unique_ptr<Engine> make_xapian(const Collection& collection, const std::string& db_path);
// A lisan engine on an index another engine made (same collection).
std::unique_ptr<Engine> make_lisan_on(const std::string& db_path, SearchOptions options);

struct Metrics {
  std::size_t queries = 0;
  double mrr_at_10 = 0;
  double ndcg_at_10 = 0;
  double recall_at_10 = 0;
  double recall_at_100 = 0;
};

// Runs the queries of `task` that fall in `half`.
Metrics evaluate(Engine& engine, const Task& task, Half half);

}  // namespace lisan::relevance
