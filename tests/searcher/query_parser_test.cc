// The query parser: queries → syntax trees (through describe()), and
// malformed input → QueryError naming the byte offset.
#include "query_parser.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "lisan/analyzers/error.h"
#include "lisan/searcher/errors.h"

namespace lisan::internal {
namespace {

struct Parsed {
  const char* query;
  const char* tree;
};

class ParsesTo : public ::testing::TestWithParam<Parsed> {};

TEST_P(ParsesTo, Tree) {
  EXPECT_EQ(describe(parse_query(GetParam().query)), GetParam().tree) << GetParam().query;
}

INSTANTIATE_TEST_SUITE_P(
    QueryParser, ParsesTo,
    ::testing::Values(Parsed{"", "(SEQ)"}, Parsed{"   ", "(SEQ)"}, Parsed{"Tokayev", "Tokayev"},
                      Parsed{"Tokayev Washington", "(SEQ Tokayev Washington)"},
                      Parsed{"perjanjian -bilateral", "(SEQ perjanjian -bilateral)"},
                      Parsed{"+kazakhstan israel", "(SEQ +kazakhstan israel)"},
                      Parsed{"-bilateral", "(SEQ -bilateral)"},
                      Parsed{"\"Abraham Accords\"", "\"Abraham Accords\""},
                      Parsed{"“Abraham Accords” Trump", "(SEQ \"Abraham Accords\" Trump)"},
                      Parsed{"\"اتفاقات أبراهام\"", "\"اتفاقات أبراهام\""},
                      Parsed{"-\"perdana menteri\" Israel", "(SEQ -\"perdana menteri\" Israel)"},
                      Parsed{"a AND b", "(AND a b)"}, Parsed{"a OR b OR c", "(OR a b c)"},
                      Parsed{"a NOT b", "(NOT a b)"},
                      // The implicit operator binds tightest, then NOT, AND, OR.
                      Parsed{"a b AND c d", "(AND (SEQ a b) (SEQ c d))"},
                      Parsed{"a OR b AND c", "(OR a (AND b c))"},
                      Parsed{"a AND b NOT c", "(AND a (NOT b c))"},
                      Parsed{"(a OR b) AND c", "(AND (OR a b) c)"}, Parsed{"((a))", "a"},
                      Parsed{"x -(a OR b)", "(SEQ x -(OR a b))"},
                      Parsed{"+(-a)", "(SEQ +(SEQ -a))"},
                      // Lowercase operators are words (stopwords, dropped when ranking).
                      Parsed{"war and peace", "(SEQ war and peace)"},
                      Parsed{"lang:ar كازاخستان", "(SEQ lang:ar كازاخستان)"},
                      Parsed{"Kazakhstan LANG:EN", "(SEQ Kazakhstan lang:EN)"},
                      Parsed{"-lang:id Kazakhstan", "(SEQ -lang:id Kazakhstan)"},
                      Parsed{"title:Accords", "title:Accords"},
                      Parsed{"title:\"Abraham Accords\"", "title:\"Abraham Accords\""},
                      Parsed{"+title:Kazakhstan", "(SEQ +title:Kazakhstan)"},
                      // Unknown fields and inner hyphens are part of the word.
                      Parsed{"http://x.org 10:30", "(SEQ http://x.org 10:30)"},
                      Parsed{"Kazakh-Israeli", "Kazakh-Israeli"},
                      // A lone + or - is punctuation.
                      Parsed{"a - b +", "(SEQ a b)"}));

struct Malformed {
  const char* query;
  std::size_t offset;
  const char* message_part;
};

class RefusedAt : public ::testing::TestWithParam<Malformed> {};

TEST_P(RefusedAt, OffsetAndMessage) {
  const Malformed& m = GetParam();
  try {
    parse_query(m.query);
    FAIL() << "accepted: " << m.query;
  } catch (const QueryError& e) {
    EXPECT_EQ(e.offset(), m.offset) << m.query << ": " << e.what();
    EXPECT_NE(std::string(e.what()).find(m.message_part), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("at byte " + std::to_string(m.offset)), std::string::npos)
        << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    QueryParser, RefusedAt,
    ::testing::Values(
        Malformed{"\"Abraham Accords", 0, "unbalanced quote"},
        Malformed{"x title:\"a", 8, "unbalanced quote"}, Malformed{"(a OR b", 0, "unbalanced '('"},
        Malformed{"a (b (c)", 2, "unbalanced '('"}, Malformed{"a OR b)", 6, "unbalanced ')'"},
        Malformed{")", 0, "unbalanced ')'"}, Malformed{"()", 0, "empty parentheses"},
        Malformed{"AND a", 0, "AND needs a word or group before it"},
        Malformed{"a OR", 2, "OR needs a word or group after it"},
        Malformed{"a AND OR b", 2, "AND needs a word or group after it"},
        Malformed{"(a NOT) b", 3, "NOT needs a word or group after it"},
        Malformed{"NOT", 0, "NOT needs"}, Malformed{"lang:xx a", 5, "unknown language"},
        Malformed{"a lang:", 7, "unknown language"},
        Malformed{"title: a", 6, "title: must be followed"},
        Malformed{"title:(a b)", 6, "title: must be followed"}));

TEST(QueryParser, NodesKeepTheByteOffsetsOfTheirText) {
  const QueryNode root = parse_query("كازاخستان -\"x y\" title:z");
  ASSERT_EQ(root.children.size(), 3u);
  EXPECT_EQ(root.children[0].offset, 0u);
  EXPECT_EQ(root.children[1].offset, 21u);  // inside the quotes
  EXPECT_EQ(root.children[1].text, "x y");
  EXPECT_EQ(root.children[2].offset, 32u);  // after "title:"
  EXPECT_EQ(root.children[2].text, "z");
}

TEST(QueryParser, NestingDeeperThanTheLimitIsRefused) {
  const std::string ok = std::string(kMaxQueryDepth, '(') + "a" + std::string(kMaxQueryDepth, ')');
  EXPECT_EQ(describe(parse_query(ok)), "a");
  const std::string deep =
      std::string(kMaxQueryDepth + 1, '(') + "a" + std::string(kMaxQueryDepth + 1, ')');
  try {
    parse_query(deep);
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.offset(), kMaxQueryDepth);
    EXPECT_NE(std::string(e.what()).find("nested too deep"), std::string::npos);
  }
}

TEST(QueryParser, MoreWordsThanTheLimitAreRefused) {
  std::string query;
  for (std::size_t i = 0; i < kMaxQueryWords; ++i) query += "w ";
  EXPECT_EQ(parse_query(query).children.size(), kMaxQueryWords);
  query += "\"x y\"";  // phrase words count too
  try {
    parse_query(query);
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.offset(), 2 * kMaxQueryWords + 1);
    EXPECT_NE(std::string(e.what()).find("too many words"), std::string::npos);
  }
}

// Huge inputs are parsed or refused without deep recursion or quadratic
// work: each of these would overflow the stack or hang otherwise. (No time
// is asserted: it only has to return.)
TEST(QueryParser, MegabyteQueriesAreRefusedOrParsed) {
  const std::size_t mb = 1 << 20;
  EXPECT_THROW(parse_query(std::string(mb, '(')), QueryError);
  EXPECT_THROW(parse_query(std::string(mb, ')')), QueryError);
  EXPECT_THROW(parse_query(std::string(mb, '"')), QueryError);  // 512K empty phrases
  std::string words;
  while (words.size() < mb) words += "kata ";
  EXPECT_THROW(parse_query(words), QueryError);
  std::string operators = "a";
  while (operators.size() < mb) operators += " AND a";
  EXPECT_THROW(parse_query(operators), QueryError);
  EXPECT_NO_THROW(parse_query(std::string(mb, 'x')));  // one long word
  EXPECT_NO_THROW(parse_query(std::string(mb, '-')));  // punctuation
  std::string signs;
  while (signs.size() < mb) signs += "+ - ";
  EXPECT_EQ(describe(parse_query(signs)), "(SEQ)");
}

TEST(QueryParser, ArbitraryBytesNeverCrash) {
  // A deterministic byte soup of the characters the grammar cares about.
  const char alphabet[] = {'(', ')', '"', '+', '-', ' ',    'a',    'A',    'N',    'D',    'O',
                           'R', 'T', ':', 'l', 'g', '\xE2', '\x80', '\x9C', '\xD8', '\xA7', '\0'};
  std::uint32_t state = 12345;
  for (int round = 0; round < 3000; ++round) {
    std::string query;
    const int length = round % 40;
    for (int i = 0; i < length; ++i) {
      state = state * 1103515245u + 12345u;
      query += alphabet[(state >> 16) % sizeof alphabet];
    }
    try {
      const QueryNode node = parse_query(query);
      EXPECT_FALSE(describe(node).empty());
    } catch (const QueryError& e) {
      EXPECT_LE(e.offset(), query.size()) << query;
    }
  }
}

}  // namespace
}  // namespace lisan::internal
