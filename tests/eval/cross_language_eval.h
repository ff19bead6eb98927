// Cross-language retrieval evaluation on parallel corpora: the same document
// in Arabic, Indonesian and English shares one id, so for a query derived
// from one language's version the relevant document in every language is
// known exactly. Reports Recall@10 and MRR (reciprocal rank of the relevant
// document, 0 below rank 10) per query language × document language.
//
// Thread-safety: functions are independent; a ParallelSet is a plain value.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "lisan/analyzers/language.h"
#include "lisan/searcher/searcher.h"
#include "support/parallel_documents.h"

namespace lisan::eval {

using EvalDocument = ParallelDocument;

struct EvalQuery {
  std::string relevant_id;
  Language language = Language::kUnknown;
  std::string text;
};

struct ParallelSet {
  std::string name;
  std::vector<Language> languages;
  std::vector<EvalDocument> documents;
  std::vector<EvalQuery> queries;
};

// The sets of the shared corpus (folder `parallel/<name>/`). Throws IoError
// when a file is missing or unreadable.
//   ntrex128: each article's headline is its query.
//   pud:      each document's first sentence is its query.
//   xquad:    the questions of queries.{ar,en}.tsv, each with one paragraph.
ParallelSet load_ntrex128(const std::string& parallel_dir);
ParallelSet load_pud(const std::string& parallel_dir);
ParallelSet load_xquad(const std::string& parallel_dir);

struct Cell {
  std::size_t queries = 0;
  double recall_at_10 = 0;
  double mrr = 0;
};
// (query language, document language) → figures.
using Table = std::map<std::pair<Language, Language>, Cell>;

// Indexes all languages of `set` together into `db_path` (created; must not
// exist yet), the same id written once per language.
void build_index(const ParallelSet& set, const std::string& db_path);

// Runs the queries of `set` against the index, once per document language
// (filtered to it), with `options` (limit and language are set here). With
// stride > 1, only the queries of about one document in `stride` (chosen by
// a hash of its id, so every language keeps the same documents).
Table evaluate(const ParallelSet& set, const std::string& db_path, SearchOptions options,
               std::size_t stride = 1);

// The table as aligned text, one row per query language.
std::string format_table(const ParallelSet& set, const Table& table);

}  // namespace lisan::eval
