// The query builder: parsed queries → the Xapian terms and operators that
// run, checked through the query's terms and its description.
#include "query_builder.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "lisan/analyzers/error.h"
#include "lisan/searcher/errors.h"

namespace lisan::internal {
namespace {

class Builder : public ::testing::Test {
 protected:
  Xapian::Query build(const std::string& query) {
    terms_ = QueryTerms();
    words_.clear();
    // Same-script forms only: cross-language expansion has its own tests.
    QueryBuilder builder(analysis_, FormWeights{},
                         ExpansionOptions{.transliterate = false, .translate = false});
    return builder.build(parse_query(query), terms_, words_);
  }
  static std::set<std::string> terms_of(const Xapian::Query& query) {
    return {query.get_unique_terms_begin(), query.get_unique_terms_end()};
  }
  static bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
  }

  AnalysisContext analysis_;
  QueryTerms terms_;
  std::vector<QueryWord> words_;
};

TEST_F(Builder, LatinWordGetsItsExactFormEachStemAndTheTitle) {
  const Xapian::Query query = build("Kazakhstan");
  // ZA: a Latin word inside an Arabic document is stemmed as Arabic (unchanged).
  // The plain stem "kazakhst": a word that is its own stem has no Z term in
  // the index (schema.h), so the stem is also looked up unprefixed.
  EXPECT_EQ(terms_of(query), (std::set<std::string>{"kazakhstan", "ZEkazakhstan", "ZIkazakhst",
                                                    "kazakhst", "ZAkazakhstan", "Skazakhstan"}));
  EXPECT_TRUE(contains(query.get_description(), "SYNONYM"));
}

TEST_F(Builder, ArabicWordIsFoldedAndStemmedAsArabicOnly) {
  const Xapian::Query query = build("كَازَاخِسْتَان");
  EXPECT_EQ(terms_of(query),
            (std::set<std::string>{"كازاخستان", "ZAكازاخست", "كازاخست", "Sكازاخستان"}));
}

TEST_F(Builder, StopwordsOfEveryLanguageLeaveRankedParts) {
  // "the" (en), "yang" (id), "في" (ar).
  const Xapian::Query query = build("the yang في Kazakhstan");
  for (const std::string& term : terms_of(query)) {
    EXPECT_TRUE(contains(term, "kazakhst")) << term;
  }
  ASSERT_EQ(words_.size(), 1u);
  EXPECT_EQ(words_[0].offset, 14u);  // "the yang في " is 14 bytes
  EXPECT_EQ(words_[0].length, 10u);
}

TEST_F(Builder, AQueryOfStopwordsOnlySearchesThem) {
  const std::set<std::string> terms = terms_of(build("the of"));
  EXPECT_TRUE(terms.contains("the"));
  EXPECT_TRUE(terms.contains("of"));
}

TEST_F(Builder, PhrasesKeepStopwordsAndUseUnstemmedTerms) {
  const Xapian::Query query = build("\"the State of the Art\"");
  EXPECT_EQ(terms_of(query), (std::set<std::string>{"the", "state", "of", "art"}));
  EXPECT_TRUE(contains(query.get_description(), "PHRASE 5"));
}

TEST_F(Builder, ArabicPhraseUsesFoldedTerms) {
  const Xapian::Query query = build("\"اتّفاقات أَبراهام\"");
  EXPECT_EQ(terms_of(query), (std::set<std::string>{"اتفاقات", "ابراهام"}));
  EXPECT_TRUE(contains(query.get_description(), "PHRASE 2"));
}

TEST_F(Builder, ExcludedWordsAreNotMarkedNorSpellChecked) {
  const Xapian::Query query = build("perjanjian -bilateral");
  EXPECT_TRUE(contains(query.get_description(), "AND_NOT"));
  EXPECT_TRUE(terms_.exact().contains("perjanjian"));
  EXPECT_FALSE(terms_.exact().contains("bilateral"));
  ASSERT_EQ(words_.size(), 1u);
  EXPECT_EQ(words_[0].offset, 0u);
}

TEST_F(Builder, RequiredWordsMustMatchAndOthersRank) {
  const std::string description = build("+Kazakhstan Israel").get_description();
  EXPECT_TRUE(contains(description, "AND_MAYBE")) << description;
}

TEST_F(Builder, ExcludedWordAloneMeansEveryOtherDocument) {
  const std::string description = build("-bilateral").get_description();
  EXPECT_TRUE(contains(description, "<alldocuments> AND_NOT")) << description;
}

TEST_F(Builder, LanguageClausesFilterWithoutWeight) {
  const std::string description = build("Kazakhstan lang:EN").get_description();
  EXPECT_TRUE(contains(description, "FILTER")) << description;
  EXPECT_TRUE(contains(description, "Len")) << description;
  EXPECT_TRUE(contains(build("lang:ar").get_description(), "0 * Lar"));
}

TEST_F(Builder, TitleFieldUsesTitleTermsOnly) {
  EXPECT_EQ(terms_of(build("title:Accords")), (std::set<std::string>{"Saccords"}));
  EXPECT_EQ(terms_of(build("title:\"Abraham Accords\"")),
            (std::set<std::string>{"Sabraham", "Saccords"}));
}

TEST_F(Builder, WordsJoinedByPunctuationAreAPhrase) {
  const Xapian::Query query = build("Kazakh-Israeli");
  EXPECT_EQ(terms_of(query), (std::set<std::string>{"kazakh", "israeli"}));
  EXPECT_TRUE(contains(query.get_description(), "PHRASE 2"));
}

TEST_F(Builder, BooleanOperatorsMapToXapianOperators) {
  const std::string description =
      build("(Tokayev OR Trump) AND Israel NOT Sudan").get_description();
  EXPECT_TRUE(contains(description, " OR ")) << description;
  EXPECT_TRUE(contains(description, " AND ")) << description;
  EXPECT_TRUE(contains(description, "AND_NOT")) << description;
}

TEST_F(Builder, TooManyAnalysedWordsAreRefused) {
  // One word for the parser, 601 for the analyzer.
  std::string word = "a";
  for (int i = 0; i < 600; ++i) word += "/b";
  try {
    build(word);
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.offset(), 2u * kMaxQueryWords);  // the 513th word, "b" at 2 * 512
  }
}

// A word said again adds nothing to what is asked: "a a a …" × 512 ran 512
// copies of the word's query (3.4 s on the bench corpus). Written
// differently, it is still the same word ("Washington WASHINGTON").
TEST_F(Builder, RepeatedWordsCollapseToOne) {
  const std::string once = build("Washington Tokayev").get_description();
  EXPECT_EQ(build("Washington Tokayev Washington WASHINGTON Tokayev").get_description(), once);
  ASSERT_EQ(words_.size(), 2u);
  EXPECT_EQ(words_[0].offset, 0u);
  EXPECT_EQ(words_[1].offset, 11u);
  std::string many;
  for (int i = 0; i < 512; ++i) many += "a ";
  EXPECT_EQ(build(many).get_description(), build("a").get_description());
  // Also within +required, -excluded and the operators' lists.
  EXPECT_EQ(build("+Israel +Israel Sudan").get_description(),
            build("+Israel Sudan").get_description());
  EXPECT_EQ(build("Israel -Sudan -Sudan").get_description(),
            build("Israel -Sudan").get_description());
  EXPECT_EQ(build("Israel OR Israel OR Sudan").get_description(),
            build("Israel OR Sudan").get_description());
  EXPECT_EQ(build("(Israel Sudan) AND (Israel Sudan)").get_description(),
            build("Israel Sudan").get_description());
}

// What differs is kept: a required word and the same word ranked, a word
// and its exclusion, and a word repeated inside a phrase (which asks for it
// twice in a row).
TEST_F(Builder, RepetitionThatChangesTheQueryIsKept) {
  EXPECT_NE(build("+Israel Israel").get_description(), build("+Israel").get_description());
  EXPECT_TRUE(contains(build("Israel -Israel").get_description(), "AND_NOT"));
  const std::string phrase = build("\"bye bye bye\"").get_description();
  EXPECT_TRUE(contains(phrase, "PHRASE 3")) << phrase;
}

// A query of stopwords only is searched for its first kMaxStopwordOnlyWords
// different stopwords: every one of them is in most documents, and 500 of
// them cost as much as a query can (1.5 s on the bench corpus).
TEST_F(Builder, AQueryOfStopwordsOnlyIsBounded) {
  const std::vector<std::string> stopwords = {
      "the", "of",   "and", "to", "in", "is",   "that",  "for", "on",  "with", "as",   "by",
      "at",  "from", "or",  "an", "be", "this", "which", "are", "was", "it",   "yang", "dan"};
  ASSERT_GT(stopwords.size(), kMaxStopwordOnlyWords);
  std::string query;
  for (const std::string& word : stopwords) query += word + " " + word + " ";
  const std::set<std::string> terms = terms_of(build(query));
  for (std::size_t i = 0; i < stopwords.size(); ++i) {
    EXPECT_EQ(terms.contains(stopwords[i]), i < kMaxStopwordOnlyWords) << stopwords[i];
  }
  EXPECT_EQ(words_.size(), kMaxStopwordOnlyWords);
}

TEST_F(Builder, PunctuationOnlyGivesAnEmptyQuery) {
  EXPECT_TRUE(build("!!! ??? ...").empty());
  EXPECT_TRUE(build("").empty());
}

}  // namespace
}  // namespace lisan::internal
