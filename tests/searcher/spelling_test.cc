// Spelling suggestions: edit distance and the closest word of an index.
#include "spelling.h"

#include <gtest/gtest.h>

namespace lisan::internal {
namespace {

TEST(EditDistance, CountsCodePointsAndTranspositions) {
  EXPECT_EQ(edit_distance("kazakhstan", "kazakhstan", 2), 0u);
  EXPECT_EQ(edit_distance("kazakstan", "kazakhstan", 2), 1u);   // insertion
  EXPECT_EQ(edit_distance("washingotn", "washington", 2), 1u);  // transposition
  EXPECT_EQ(edit_distance("كازخستان", "كازاخستان", 2), 1u);     // one Arabic letter
  EXPECT_EQ(edit_distance("abc", "xyz", 1), 2u);                // capped at max + 1
  EXPECT_EQ(edit_distance("", "abcdef", 2), 3u);
}

class ClosestWord : public ::testing::Test {
 protected:
  ClosestWord() : db_(std::string(), Xapian::DB_BACKEND_INMEMORY) {
    add({"kazakhstan", "washington", "perjanjian", "ZIperjanji", "Skazakstan"});
    add({"kazakhstan", "كازاخستان", "اتفاقات"});
    add({"kazakhstani", "cat"});
  }
  void add(std::initializer_list<const char*> terms) {
    Xapian::Document doc;
    for (const char* term : terms) doc.add_term(term);
    db_.add_document(doc);
  }
  Xapian::WritableDatabase db_;
};

TEST_F(ClosestWord, LatinTyposFindTheIndexedWord) {
  EXPECT_EQ(closest_indexed_word(db_, "washingtn"), "washington");
  EXPECT_EQ(closest_indexed_word(db_, "perjanjan"), "perjanjian");
}

TEST_F(ClosestWord, TiesGoToTheMoreFrequentWordAndPrefixedTermsAreIgnored) {
  // kazakhstan (2 documents) and kazakhstani (1) are both 1 edit from
  // "kazakhstam"; the title term Skazakstan is not a word.
  EXPECT_EQ(closest_indexed_word(db_, "kazakhstam"), "kazakhstan");
  EXPECT_EQ(closest_indexed_word(db_, "kazakstan"), "kazakhstan");
}

TEST_F(ClosestWord, ArabicTyposFindTheIndexedWord) {
  EXPECT_EQ(closest_indexed_word(db_, "كازخستان"), "كازاخستان");
  EXPECT_EQ(closest_indexed_word(db_, "اتفاقيات"), "اتفاقات");
}

TEST_F(ClosestWord, ShortOrDistantWordsGetNothing) {
  EXPECT_EQ(closest_indexed_word(db_, "cot"), std::nullopt);  // 3 letters: too ambiguous
  EXPECT_EQ(closest_indexed_word(db_, "zzzzzzzz"), std::nullopt);
}

TEST_F(ClosestWord, AFirstLetterTypoIsFoundByTheWholeScan) {
  // The words sharing the first letter come first; none is close here, so
  // the whole term list is read.
  EXPECT_EQ(closest_indexed_word(db_, "qashington"), "washington");
  // A same-first-letter neighbour wins over an equally close one elsewhere.
  EXPECT_EQ(closest_indexed_word(db_, "kazakhstaf"), "kazakhstan");
}

TEST(Corrections, SuggestionKeepsACapitalAndReplacesFromTheEnd) {
  const std::vector<Correction> corrections = {{0, 7, "tokayev"}, {8, 9, "washington"}};
  EXPECT_EQ(corrected_query("Tokayef Washingtn", corrections), "Tokayev Washington");
  EXPECT_EQ(corrected_query("Tokayef Washingtn", {}), "");
}

}  // namespace
}  // namespace lisan::internal
