#include "lisan/analyzers/utf8.h"

#include <gtest/gtest.h>

namespace lisan {
namespace {

TEST(Utf8, CountsIllFormedSequences) {
  EXPECT_EQ(count_invalid_utf8(""), 0u);
  EXPECT_EQ(count_invalid_utf8("plain ascii"), 0u);
  EXPECT_EQ(count_invalid_utf8("كتاب"), 0u);
  EXPECT_EQ(count_invalid_utf8("a\xFF"
                               "b"),
            1u);
  EXPECT_EQ(count_invalid_utf8("\xC3"), 1u);          // truncated sequence
  EXPECT_EQ(count_invalid_utf8("\xED\xA0\x80"), 3u);  // surrogate: each byte ill-formed
  EXPECT_EQ(count_invalid_utf8("\xC0\xAF"), 2u);      // overlong '/'
}

TEST(Utf8, RepairsWithReplacementCharacter) {
  std::size_t replaced = 0;
  EXPECT_EQ(repair_utf8("a\xFF"
                        "b",
                        &replaced),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(replaced, 1u);
  EXPECT_EQ(repair_utf8("كتاب", &replaced), "كتاب");
  EXPECT_EQ(replaced, 0u);
  const std::string repaired = repair_utf8("\xC3\xFF\xFE end");
  EXPECT_EQ(count_invalid_utf8(repaired), 0u);
  EXPECT_TRUE(repaired.ends_with(" end"));
}

TEST(Utf8, TellsBinaryFromText) {
  EXPECT_FALSE(looks_binary("hello"));
  EXPECT_FALSE(looks_binary(""));
  EXPECT_TRUE(looks_binary(std::string("ab\0cd", 5)));
  std::string noise;
  for (int i = 0; i < 1000; ++i) noise += static_cast<char>(0x80 + (i % 64));
  EXPECT_TRUE(looks_binary(noise));
  EXPECT_FALSE(looks_binary("one bad byte \xFF in a long enough line of ordinary text"));
}

}  // namespace
}  // namespace lisan
