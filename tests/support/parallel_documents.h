// The documents of the shared corpus's judged sets, as both relevance
// evaluations (tests/eval/cross_language_eval, bench/relevance_suite) index
// them: the translations of one document share an id, so each is indexed
// under that id tagged with its language, and a hit's tag is stripped again
// to compare it with the judged id.
//
// Thread-safety: plain values and free functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lisan/analyzers/language.h"

namespace lisan::eval {

struct ParallelDocument {
  std::string id;  // shared by the translations of one document
  Language language = Language::kUnknown;
  std::string title;
  std::string text;
};

// "<id>@<language code>": unique in an index of every language.
std::string tagged_id(std::string_view id, Language language);
// The judged id of a hit's tagged id.
std::string untagged_id(std::string_view tagged);

// Indexes `documents` into `db_path` (created; must not exist yet) through
// the public Indexer, each under its tagged id and with its language given.
void index_parallel_documents(const std::vector<ParallelDocument>& documents,
                              const std::string& db_path);

}  // namespace lisan::eval
