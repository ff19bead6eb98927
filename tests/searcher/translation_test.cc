// The translation lexicon: its text form, its errors, and what the lexicon
// built from the installed FreeDict dictionaries knows.
#include "translation.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "lisan/analyzers/error.h"

namespace lisan {
namespace {

using internal::Lexicon;
using internal::Translation;

bool has_translation(std::span<const Translation> translations, Language lang,
                     const std::string& term) {
  return std::any_of(translations.begin(), translations.end(), [&](const Translation& t) {
    return t.language == lang && t.terms == std::vector<std::string>{term};
  });
}

TEST(Lexicon, TextFormRoundTrips) {
  const Lexicon lexicon = Lexicon::parse(
      "en\tpresid\tar\t2\tالرئيس\tرئيس\n"
      "en\tpresid\tid\t1\tpresiden\tpresiden\n"
      "id\tibu\ten\t0.5\tcapital city\tcapit citi\n");
  EXPECT_EQ(lexicon.size(), 2u);
  const auto president = lexicon.translate(Language::kEnglish, "presid");
  ASSERT_EQ(president.size(), 2u);
  EXPECT_EQ(president[0].language, Language::kArabic);
  EXPECT_EQ(president[0].stems, std::vector<std::string>{"رئيس"});
  EXPECT_DOUBLE_EQ(president[0].weight, 2);
  const auto phrase = lexicon.translate(Language::kIndonesian, "ibu");
  ASSERT_EQ(phrase.size(), 1u);
  EXPECT_EQ(phrase[0].terms, (std::vector<std::string>{"capital", "city"}));
  EXPECT_TRUE(lexicon.translate(Language::kArabic, "presid").empty()) << "keyed by language";
  EXPECT_EQ(Lexicon::parse(lexicon.serialize()).serialize(), lexicon.serialize());
}

TEST(Lexicon, MalformedLinesAreAClearError) {
  for (const char* bad : {"en\tpresid\tar\t2\tالرئيس\n",                 // a field missing
                          "xx\tpresid\tar\t2\tالرئيس\tرئيس\n",           // unknown language
                          "en\tpresid\tar\tmany\tالرئيس\tرئيس\n",        // weight not a number
                          "en\tpresid\tar\t2\tرئيس الوزراء\tرئيس\n"}) {  // terms ≠ stems
    EXPECT_THROW(Lexicon::parse(bad), InvalidArgument) << bad;
  }
  EXPECT_EQ(Lexicon::parse("").size(), 0u);
}

TEST(Lexicon, InstalledDictionariesTranslateByStem) {
  const Lexicon& lexicon = Lexicon::installed();
  if (lexicon.size() == 0) GTEST_SKIP() << "built without the FreeDict dictionaries";
  // "president" and "presidents" share the English stem "presid".
  const auto president = lexicon.translate(Language::kEnglish, "presid");
  EXPECT_TRUE(has_translation(president, Language::kArabic, "الرئيس"));
  EXPECT_TRUE(has_translation(president, Language::kIndonesian, "presiden"));
  // eng-ind read backwards: rumah → house.
  EXPECT_TRUE(has_translation(lexicon.translate(Language::kIndonesian, "rumah"), Language::kEnglish,
                              "house"));
  // Indonesian → Arabic exists only through English.
  EXPECT_FALSE(lexicon.translate(Language::kIndonesian, "rumah").empty());
  for (const Translation& t : lexicon.translate(Language::kIndonesian, "rumah")) {
    EXPECT_NE(t.language, Language::kIndonesian) << "no translation into its own language";
  }
}

}  // namespace
}  // namespace lisan
