// The typo tasks' misspellings (bench/typo_queries.h): one content word, one
// error, never one that normalization folds back, the same for the same seed.
#include "typo_queries.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "lisan/analyzers/normalizer.h"

namespace lisan::relevance {
namespace {

std::string normalized(const std::string& word) {
  std::string out;
  normalize_word(word, out);
  return out;
}

TEST(Misspell, ChangesOneContentWordAndKeepsTheRest) {
  AnalysisContext analysis;
  const std::string query = "siapa presiden pertama republik indonesia";
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    const auto m = misspell(query, seed, analysis);
    ASSERT_TRUE(m.has_value());
    EXPECT_NE(m->word, "siapa");  // a stopword of Indonesian, never chosen
    EXPECT_NE(normalized(m->word), normalized(m->misspelled));
    std::string rebuilt = m->query;
    rebuilt.replace(rebuilt.find(m->misspelled), m->misspelled.size(), m->word);
    EXPECT_EQ(rebuilt, query) << m->query;
    EXPECT_NE(m->query, query);
  }
}

TEST(Misspell, IsReproducibleAndVaried) {
  AnalysisContext analysis;
  const std::string query = "when did the united states declare independence";
  std::set<std::string> kinds;
  std::set<std::string> words;
  for (std::uint64_t seed = 0; seed < 400; ++seed) {
    const auto m = misspell(query, seed * 0x9E3779B97F4A7C15ull, analysis);
    ASSERT_TRUE(m.has_value());
    EXPECT_EQ(misspell(query, seed * 0x9E3779B97F4A7C15ull, analysis)->query, m->query);
    kinds.insert(typo_kind_name(m->kind));
    words.insert(m->word);
  }
  EXPECT_EQ(kinds,
            (std::set<std::string>{"deletion", "doubling", "transposition", "keyboard neighbour"}));
  EXPECT_EQ(words, (std::set<std::string>{"united", "states", "declare", "independence"}));
}

TEST(Misspell, ArabicGetsDotAndHamzaErrorsButNeverAFoldedOne) {
  AnalysisContext analysis;
  const std::string query = "ما هي المسائل التي ناقشها مؤتمر إسطنبول";
  std::set<std::string> kinds;
  for (std::uint64_t seed = 0; seed < 600; ++seed) {
    const auto m = misspell(query, seed * 0x9E3779B97F4A7C15ull, analysis);
    ASSERT_TRUE(m.has_value());
    kinds.insert(typo_kind_name(m->kind));
    // إ → ا, ى → ي and harakat are folded: such a change is no typo for lisan.
    EXPECT_NE(normalized(m->word), normalized(m->misspelled)) << m->misspelled;
  }
  EXPECT_TRUE(kinds.contains("dot confusion"));
  EXPECT_TRUE(kinds.contains("hamza seat"));
}

TEST(Misspell, NothingToMisspellInStopwordsOrShortWords) {
  AnalysisContext analysis;
  EXPECT_FALSE(misspell("what is the", 1, analysis).has_value());
  EXPECT_FALSE(misspell("ما هو", 1, analysis).has_value());
  EXPECT_FALSE(misspell("", 1, analysis).has_value());
  EXPECT_FALSE(misspell("1945 2024", 1, analysis).has_value());
}

}  // namespace
}  // namespace lisan::relevance
