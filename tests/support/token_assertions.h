// Assertions over token streams, after Lucene's BaseTokenStreamTestCase.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lisan/analyzers/analyzer.h"

namespace lisan::testing {

struct ExpectedToken {
  std::string term;
  std::uint32_t begin;
  std::uint32_t end;
  std::uint32_t position;
};

struct CollectedToken {
  std::string term;
  std::string stem;
  std::uint32_t begin;
  std::uint32_t end;
  std::uint32_t position;
  bool operator==(const CollectedToken&) const = default;
};

// All tokens of `text`, checking the stream invariants as it goes (adds a
// gtest failure on a violation): offsets inside the input and never going
// backwards, positions increasing by one, no empty or ill-formed terms.
std::vector<CollectedToken> collect_tokens(AnalysisContext& context, std::string_view text,
                                           Language lang);

// collect_tokens, then checks that analysing the same text again on the same
// context — after another text — gives identical output (no stale state).
std::vector<CollectedToken> analyze_checked(AnalysisContext& context, std::string_view text,
                                            Language lang);

// Checks the exact token list of `text`.
void expect_tokens(AnalysisContext& context, std::string_view text, Language lang,
                   const std::vector<ExpectedToken>& expected);

// The normalized term of a single word (fails when it is not exactly one token).
std::string term_of(AnalysisContext& context, std::string_view word, Language lang);
// The stem of a single word.
std::string stem_of(AnalysisContext& context, std::string_view word, Language lang);

}  // namespace lisan::testing
