#include "text_file.h"

#include <gtest/gtest.h>

#include "lisan/analyzers/utf8.h"

namespace lisan::internal {
namespace {

TEST(TextFile, TitleIsFirstNonEmptyLine) {
  const TextParts parts = split_text_file("\n\n  Headline here  \nBody text.\n");
  EXPECT_EQ(parts.title, "Headline here");
  EXPECT_EQ(parts.url, "");
}

TEST(TextFile, TrailingBareUrlBecomesUrlAndLeavesTheBody) {
  const TextParts parts = split_text_file("Title\nBody line.\nhttps://example.com/a?b=1\n\n");
  EXPECT_EQ(parts.url, "https://example.com/a?b=1");
  EXPECT_EQ(parts.body, "Title\nBody line.");
}

TEST(TextFile, UrlInsideTextIsNotTaken) {
  const TextParts parts = split_text_file("Title\nsee https://example.com for more\n");
  EXPECT_EQ(parts.url, "");
  const TextParts only_line = split_text_file("https://example.com\n");
  EXPECT_EQ(only_line.url, "") << "a one-line file is its own title, not a URL";
}

TEST(TextFile, ByteOrderMarkIsNotPartOfTheTitle) {
  EXPECT_EQ(split_text_file("\xEF\xBB\xBFTitle\nx").title, "Title");
}

TEST(TextFile, BlankMeansOnlyWhitespace) {
  EXPECT_TRUE(is_blank(""));
  EXPECT_TRUE(is_blank(" \n\t\r "));
  EXPECT_TRUE(is_blank("\xC2\xA0\xE3\x80\x80\xEF\xBB\xBF"));  // NBSP, ideographic space, BOM
  EXPECT_FALSE(is_blank("  x "));
  EXPECT_FALSE(is_blank("ك"));
}

// A file of one huge line (50 MB in BoundedInput) gets a short title.
TEST(TextFile, AVeryLongFirstLineGivesAShortenedTitle) {
  std::string line;
  while (line.size() < 10000) line += "كتاب ";  // two-byte letters: cuts must fall between them
  const std::string text = line + "\nbody";     // the parts are views into it
  const TextParts parts = split_text_file(text);
  EXPECT_LE(parts.title.size(), kMaxTitleBytes);
  EXPECT_GT(parts.title.size(), kMaxTitleBytes - 10);
  EXPECT_TRUE(line.starts_with(parts.title));
  EXPECT_EQ(count_invalid_utf8(parts.title), 0u) << "cut inside a code point";
  EXPECT_EQ(shorten_title("short"), "short");
}

}  // namespace
}  // namespace lisan::internal
