// Realistic misspellings for the typo tasks of the relevance suite
// (docs/RANKING.md): one content word of a real question gets one error of
// the kinds people make — a letter deleted, doubled, swapped with the next,
// or replaced by its neighbour on the keyboard (QWERTY; Arabic 101), and in
// Arabic also a letter that differs by its dots (ب/ت/ث, ح/خ/ج, …) or a
// hamza on the wrong seat (ئ/ي, ؤ/و, ء dropped). An error that lisan's
// normalization folds away (إ/ا, ى/ي) is not a typo for lisan and is never
// chosen.
//
// Thread-safety: pure functions (the AnalysisContext is the caller's).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lisan/analyzers/analyzer.h"
#include "lisan/analyzers/language.h"

namespace lisan::relevance {

enum class TypoKind {
  kDeletion,
  kDoubling,
  kTransposition,
  kKeyboardNeighbour,
  kDotConfusion,  // Arabic only
  kHamzaSeat,     // Arabic only
};

// "deletion", "doubling", … as the suite's report writes it.
const char* typo_kind_name(TypoKind kind) noexcept;

struct Misspelling {
  std::string query;       // the query with the word misspelled
  std::string word;        // the word as the query had it
  std::string misspelled;  // what replaced it
  TypoKind kind = TypoKind::kDeletion;
};

// `query` (plain words separated by spaces) with one content word — four
// letters or more, not a stopword of any language, not a number — misspelled.
// `seed` chooses the word, the kind and the place, reproducibly. nullopt when
// the query has no content word, or no error survives normalization.
std::optional<Misspelling> misspell(std::string_view query, std::uint64_t seed,
                                    AnalysisContext& analysis);

}  // namespace lisan::relevance
