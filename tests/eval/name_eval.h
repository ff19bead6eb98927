// Cross-script name matching, end to end: each Arabic–Latin name pair of the
// shared corpus (names/google_ar2en_*.tsv) is placed inside a real sentence
// of the other script's news text, one pair per document, and the name in
// the other script is the query. Both directions: a Latin query against the
// Arabic documents, an Arabic query against the Latin (English) ones. The
// pairs' Latin side is lower-case, so it is run lower-case and capitalised.
//
// Thread-safety: functions are independent; the structs are plain values.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace lisan::eval {

struct NamePair {
  std::string arabic;
  std::string latin;  // lower-case, as published
};

// The pairs of one TSV file (columns ar, en) in a fixed order that does not
// follow the file's alphabetical one (by a hash of the pair), so that the
// first N pairs are a sample of all initials. Throws on an unreadable file.
std::vector<NamePair> load_name_pairs(const std::string& path);

// Sentences of real text, of 6 to 40 words, in file order: Arabic from the
// shared corpus's Arabic news benchmark file, English from the parallel
// sets' news sentences and then the English benchmark file. Stops at `count`.
std::vector<std::string> arabic_sentences(const std::string& shared_dir, std::size_t count);
std::vector<std::string> english_sentences(const std::string& shared_dir, std::size_t count);

struct NameEvalRun {
  std::string direction;   // "latin → arabic" or "arabic → latin"
  std::string latin_case;  // "lower" or "capitalised"
  std::size_t queries = 0;
  double recall_at_1 = 0;
  double recall_at_10 = 0;
  double unrelated_per_query = 0;  // matching documents that hold another name
};

// Builds the three indexes (Arabic documents; English documents with the
// Latin name lower-case; capitalised) of `documents` documents under
// `work_dir`: the first min(documents, pairs) hold one pair each, the rest
// a sentence alone. Every pair placed is a query, in each of the four runs.
std::vector<NameEvalRun> evaluate_names(const std::vector<NamePair>& pairs,
                                        const std::vector<std::string>& arabic_text,
                                        const std::vector<std::string>& english_text,
                                        std::size_t documents, const std::string& work_dir);

// The runs as aligned text, one line each.
std::string format_name_runs(const std::vector<NameEvalRun>& runs);

}  // namespace lisan::eval
