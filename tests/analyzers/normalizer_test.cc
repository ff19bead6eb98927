// One linguistic fact a row: what normalization does to a single word.
#include "lisan/analyzers/normalizer.h"

#include <gtest/gtest.h>

#include <string>

namespace lisan {
namespace {

std::string normalized(std::string_view word) {
  std::string out;
  normalize_word(word, out);
  return out;
}

struct Row {
  const char* input;
  const char* expected;
  const char* fact;
};

class NormalizerTable : public ::testing::TestWithParam<Row> {};

TEST_P(NormalizerTable, Folds) {
  const Row& row = GetParam();
  EXPECT_EQ(normalized(row.input), row.expected) << row.fact;
}

INSTANTIATE_TEST_SUITE_P(
    Arabic, NormalizerTable,
    ::testing::Values(
        Row{"الصِّرَاطَ", "الصراط", "harakat (kasra, shadda, fatha) removed"},
        Row{"كِتَابٌ", "كتاب", "kasra, fatha and tanween damm removed"},
        Row{"مُسْلِمًا", "مسلما", "damma, sukun, kasra and tanween fath removed"},
        Row{"هٰذا", "هذا", "superscript alef removed"}, Row{"كـــتاب", "كتاب", "tatweel removed"},
        Row{"أحمد", "احمد", "alef with hamza above → alef"},
        Row{"إسرائيل", "اسرائيل", "alef with hamza below → alef"},
        Row{"آمن", "امن", "alef with madda → alef"}, Row{"ٱلله", "الله", "alef wasla → alef"},
        Row{"على", "علي", "alef maqsura → yeh"}, Row{"مدرسة", "مدرسه", "teh marbuta → heh"},
        Row{"١٢٣٤", "1234", "Arabic-Indic digits → ASCII"},
        Row{"۱۲۳", "123", "Persian digits → ASCII"}, Row{"کتاب", "كتاب", "Persian keheh → kaf"},
        Row{"\xEF\xBB\xBB", "لا", "presentation form (lam-alef ligature) → letters by NFKC"},
        Row{"\xD8\xA7\xD9\x94", "ا", "alef + combining hamza composes by NFKC, then folds"}));

INSTANTIATE_TEST_SUITE_P(
    Latin, NormalizerTable,
    ::testing::Values(Row{"Washington", "washington", "ASCII lowercased"},
                      Row{"ＫＡＺＡＫＨ", "kazakh", "fullwidth letters → ASCII by NFKC"},
                      Row{"Straße", "strasse", "case folding, not lowercasing: ß → ss"},
                      Row{"ﬁnance", "finance", "ligature ﬁ → fi by NFKC"},
                      Row{"Kazakhstan’s", "kazakhstan's", "typographic apostrophe → ASCII"},
                      Row{"café", "café", "Latin accents are kept (they carry meaning)"}));

TEST(ArabicNormalizer, LeavesOtherScriptsAlone) {
  std::string text = "abc 123";
  fold_arabic(text);
  EXPECT_EQ(text, "abc 123");
}

TEST(ArabicNormalizer, KeepsTehMarbutaWhenAsked) {
  std::string out;
  normalize_word("المدرسة", out, TehMarbuta::kKeep);
  EXPECT_EQ(out, "المدرسة");
  fold_teh_marbuta(out);
  EXPECT_EQ(out, "المدرسه");
}

TEST(ArabicNormalizer, WordOfMarksOnlyBecomesEmpty) {
  EXPECT_EQ(normalized("ـــ"), "");
  EXPECT_EQ(normalized(""), "");
}

TEST(ArabicNormalizer, DetectsArabicLetters) {
  EXPECT_TRUE(has_arabic_letter("abc كتاب"));
  EXPECT_FALSE(has_arabic_letter("abc ١٢٣"));  // digits are not letters
  EXPECT_FALSE(has_arabic_letter(""));
}

}  // namespace
}  // namespace lisan
