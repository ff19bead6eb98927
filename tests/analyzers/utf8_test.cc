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

// ASCII is checked eight bytes at a time and two-byte sequences on a fast
// path: a bad byte is found wherever it falls against those blocks, and a
// two-byte lead at the very end is still a truncated sequence.
TEST(Utf8, FindsABadByteAtEveryOffsetOfLongAsciiAndArabicRuns) {
  const std::string ascii(40, 'a');
  const std::string arabic = "كتاب كتاب كتاب كتاب";  // two-byte letters between spaces
  for (const std::string& run : {ascii, arabic}) {
    for (std::size_t at = 0; at <= run.size(); ++at) {
      // Only between characters: inside an Arabic letter the cut would make
      // its own ill-formed sequence.
      if (at < run.size() && (static_cast<unsigned char>(run[at]) & 0xC0) == 0x80) continue;
      const std::string text = run.substr(0, at) + "\xFF" + run.substr(at);
      std::size_t replaced = 0;
      EXPECT_EQ(repair_utf8(text, &replaced), run.substr(0, at) + "\xEF\xBF\xBD" + run.substr(at))
          << "at " << at;
      EXPECT_EQ(replaced, 1u) << "at " << at;
    }
  }
  EXPECT_EQ(count_invalid_utf8(ascii + "\xD9"), 1u);          // truncated two-byte letter
  EXPECT_EQ(count_invalid_utf8(ascii + "\xC1\xBF"), 2u);      // overlong: C0 and C1 never lead
  EXPECT_EQ(count_invalid_utf8(ascii + "\xD9\xD9\x83"), 1u);  // a lead whose trail is a lead
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

// The finding this rule fixes: 3 bad bytes in 20 (15 %) is a short text to
// repair, not binary.
TEST(Utf8, ShortTextWithAFewBadBytesIsText) {
  const std::string note = "un caf\xE9, cr\xE8me br\xFBl.";
  ASSERT_EQ(note.size(), 20u);
  ASSERT_EQ(count_invalid_utf8(note), 3u);
  EXPECT_FALSE(looks_binary(note));
  EXPECT_FALSE(looks_binary("\xFF\xFE ok"));  // a stray byte-order mark in Latin-1
}

TEST(Utf8, ShortInputThatIsMostlyUndecodableIsBinary) {
  EXPECT_TRUE(looks_binary("\xFF\xFE\xFD\x80\x81 a"));
  std::string noise;
  for (int i = 0; i < 40; ++i) noise += static_cast<char>(0x80 + (i * 7) % 64);
  EXPECT_TRUE(looks_binary(noise));
}

TEST(Utf8, ControlBytesMarkBinaryButLayoutAndEscapeDoNot) {
  EXPECT_TRUE(looks_binary("PK\x03\x04\x14\x06 header of an archive"));
  EXPECT_FALSE(looks_binary("tab\tline\r\nform feed\f\x1b[1mbold\x1b[0m\vend"));
  // One stray control byte in a line of text is not enough.
  EXPECT_FALSE(looks_binary("a stray \x07 bell in a line"));
}

// Past 512 bytes the 10 % ratio of ill-formed sequences decides.
TEST(Utf8, LongTextIsBinaryOnlyAboveTenPercentIllFormed) {
  std::string text;
  while (text.size() < 1000) text += "abcdefghi\xFF";  // 1 in 10 bytes: 10 %, not above
  EXPECT_FALSE(looks_binary(text));
  std::string worse;
  while (worse.size() < 1000) worse += "abcdefg\xFF";  // 1 in 8
  EXPECT_TRUE(looks_binary(worse));
}

}  // namespace
}  // namespace lisan
