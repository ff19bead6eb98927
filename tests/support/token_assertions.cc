#include "support/token_assertions.h"

#include <gtest/gtest.h>

#include "lisan/analyzers/utf8.h"

namespace lisan::testing {

std::vector<CollectedToken> collect_tokens(AnalysisContext& context, std::string_view text,
                                           Language lang) {
  std::vector<CollectedToken> out;
  TokenStream stream = context.analyze(text, lang);
  std::uint32_t last_end = 0;
  std::uint32_t last_position = 0;
  while (const Token* token = stream.next()) {
    EXPECT_FALSE(token->term.empty()) << "empty term";
    EXPECT_FALSE(token->stem.empty()) << "empty stem for " << token->term;
    EXPECT_EQ(count_invalid_utf8(token->term), 0u) << "ill-formed term";
    EXPECT_EQ(count_invalid_utf8(token->stem), 0u) << "ill-formed stem";
    EXPECT_LE(token->term.size(), kMaxTermBytes);
    EXPECT_LT(token->begin, token->end);
    EXPECT_LE(token->end, text.size()) << "offset past the input";
    EXPECT_GE(token->begin, last_end) << "offsets went backwards at " << token->term;
    EXPECT_EQ(token->position, last_position + 1) << "positions must increase by one";
    last_end = token->end;
    last_position = token->position;
    out.push_back({std::string(token->term), std::string(token->stem), token->begin, token->end,
                   token->position});
  }
  EXPECT_EQ(stream.next(), nullptr) << "a finished stream stays finished";
  return out;
}

std::vector<CollectedToken> analyze_checked(AnalysisContext& context, std::string_view text,
                                            Language lang) {
  std::vector<CollectedToken> first = collect_tokens(context, text, lang);
  collect_tokens(context, "Another text, with الكلمات and kata-kata 123", Language::kUnknown);
  std::vector<CollectedToken> again = collect_tokens(context, text, lang);
  EXPECT_EQ(first, again) << "same text, same context, different tokens: stale state";
  return first;
}

void expect_tokens(AnalysisContext& context, std::string_view text, Language lang,
                   const std::vector<ExpectedToken>& expected) {
  const std::vector<CollectedToken> got = analyze_checked(context, text, lang);
  ASSERT_EQ(got.size(), expected.size()) << "token count for \"" << text << "\"";
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].term, expected[i].term) << "token " << i;
    EXPECT_EQ(got[i].begin, expected[i].begin) << "begin of " << got[i].term;
    EXPECT_EQ(got[i].end, expected[i].end) << "end of " << got[i].term;
    EXPECT_EQ(got[i].position, expected[i].position) << "position of " << got[i].term;
  }
}

namespace {
CollectedToken single(AnalysisContext& context, std::string_view word, Language lang) {
  std::vector<CollectedToken> tokens = analyze_checked(context, word, lang);
  EXPECT_EQ(tokens.size(), 1u) << "\"" << word << "\" is not one token";
  return tokens.empty() ? CollectedToken{} : tokens.front();
}
}  // namespace

std::string term_of(AnalysisContext& context, std::string_view word, Language lang) {
  return single(context, word, lang).term;
}

std::string stem_of(AnalysisContext& context, std::string_view word, Language lang) {
  return single(context, word, lang).stem;
}

}  // namespace lisan::testing
