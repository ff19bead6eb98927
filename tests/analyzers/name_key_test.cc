// The cross-script name key: names written in Arabic and in Latin letters
// must meet; words that merely look alike in one script must not.
#include "lisan/analyzers/name_key.h"

#include <gtest/gtest.h>

#include <string>

#include "lisan/analyzers/normalizer.h"

namespace lisan {
namespace {

// The key of a word as the analyzer hands it over (normalized).
std::string key_of(std::string_view word) {
  std::string term;
  normalize_word(word, term);
  return name_key(term);
}

struct Meeting {
  const char* arabic;
  const char* latin;
};

class NameKeyMeets : public ::testing::TestWithParam<Meeting> {};

TEST_P(NameKeyMeets, ArabicAndLatinSpellingsShareTheKey) {
  const Meeting& m = GetParam();
  const std::string arabic = key_of(m.arabic);
  EXPECT_FALSE(arabic.empty()) << m.arabic;
  EXPECT_EQ(arabic, key_of(m.latin)) << m.arabic << " vs " << m.latin;
}

INSTANTIATE_TEST_SUITE_P(RequiredNames, NameKeyMeets,
                         ::testing::Values(
                             // يي is a consonant y and a long ī; v is written ف.
                             Meeting{"توكاييف", "Tokayev"},
                             // ش is sh; the g of -ngt- is not written in Arabic.
                             Meeting{"واشنطن", "Washington"},
                             // خ is kh.
                             Meeting{"كازاخستان", "Kazakhstan"},
                             // ي and و inside the word are long vowels.
                             Meeting{"نتنياهو", "Netanyahu"},
                             // Arabic has no p: ترامب.
                             Meeting{"ترامب", "Trump"},
                             // Initial و is a consonant; ff is written once.
                             Meeting{"ويتكوف", "Witkoff"},
                             // The article ال is not part of the name; ai and ي are vowels.
                             Meeting{"البحرين", "Bahrain"},
                             // Teh marbuta (folded to ه) is a final h, like Latin -ah.
                             Meeting{"فاطمة", "Fatimah"},
                             // Harakat are folded away before the key is made.
                             Meeting{"كَازَاخِسْتَان", "KAZAKHSTAN"}));

TEST(NameKey, KeepsDistinctNamesApart) {
  EXPECT_NE(key_of("Tokayev"), key_of("Witkoff"));
  EXPECT_NE(key_of("توكاييف"), key_of("ويتكوف"));
  EXPECT_NE(key_of("Trump"), key_of("Tokayev"));
  EXPECT_NE(key_of("Washington"), key_of("Kazakhstan"));
}

TEST(NameKey, ShortSkeletonsNumbersAndOtherScriptsGetNoKey) {
  EXPECT_EQ(key_of("Ali"), "");     // l: one consonant
  EXPECT_EQ(key_of("Iran"), "");    // rn: two
  EXPECT_EQ(key_of("2025"), "");    // a number
  EXPECT_EQ(key_of("g20x"), "");    // a code with digits
  EXPECT_EQ(key_of("٢٠٢٥"), "");    // Arabic-Indic digits fold to ASCII
  EXPECT_EQ(key_of("東京都"), "");  // Han: neither Arabic nor Latin script
  EXPECT_EQ(key_of("Москва"), "");  // Cyrillic likewise
  EXPECT_EQ(name_key(""), "");
}

TEST(NameKey, IsLowercaseAsciiAndStableAcrossCalls) {
  for (const char* word : {"Tokayev", "توكاييف", "Ağrı", "Müller", "Alexander", "الكسندر"}) {
    const std::string first = key_of(word);
    for (char c : first) EXPECT_TRUE(c >= 'a' && c <= 'z') << word << ": " << first;
    EXPECT_EQ(key_of(word), first) << "cached key differs for " << word;
  }
  EXPECT_EQ(key_of("Müller"), key_of("Muller"));  // accents fold to ASCII
}

TEST(LatinSkeleton, AppliesTheConsonantRules) {
  EXPECT_EQ(latin_skeleton("kazakhstan"), "kzkstn");
  EXPECT_EQ(latin_skeleton("washington"), "wxntn");
  EXPECT_EQ(latin_skeleton("alexander"), "lksndr");
  EXPECT_EQ(latin_skeleton("philippe"), "flb");
  EXPECT_EQ(latin_skeleton("ʿmr"), "");  // ع is not a letter of the key: mr
  EXPECT_EQ(latin_skeleton("yemen"), "ymn");
}

}  // namespace
}  // namespace lisan
