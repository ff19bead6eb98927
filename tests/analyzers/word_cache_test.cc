#include "word_cache.h"

#include <gtest/gtest.h>

#include <string>

namespace lisan::internal {
namespace {

TEST(WordCache, FindsWhatWasInserted) {
  WordCache cache(100);
  EXPECT_FALSE(cache.find("running").has_value());
  EXPECT_EQ(cache.insert("running", "run"), "run");
  EXPECT_EQ(cache.find("running"), "run");
  EXPECT_FALSE(cache.find("runnin").has_value());
  EXPECT_FALSE(cache.find("").has_value());
  EXPECT_EQ(cache.size(), 1U);
}

TEST(WordCache, KeepsEveryEntryWhileItGrows) {
  WordCache cache(50'000);
  for (int i = 0; i < 20'000; ++i) {
    cache.insert("word" + std::to_string(i), "stem" + std::to_string(i * 7));
  }
  ASSERT_EQ(cache.size(), 20'000U);
  for (int i = 0; i < 20'000; ++i) {
    ASSERT_EQ(cache.find("word" + std::to_string(i)), "stem" + std::to_string(i * 7)) << i;
  }
}

TEST(WordCache, ClearsWhenFullAndGoesOnAnswering) {
  WordCache cache(3);
  cache.insert("a", "1");
  cache.insert("b", "2");
  cache.insert("c", "3");
  EXPECT_EQ(cache.insert("d", "4"), "4");
  EXPECT_EQ(cache.size(), 1U);
  EXPECT_FALSE(cache.find("a").has_value());
  EXPECT_EQ(cache.find("d"), "4");
}

TEST(WordCache, EmptyValuesAndLongWords) {
  WordCache cache(10);
  const std::string long_word(100'000, 'x');
  cache.insert(long_word, "");
  cache.insert("", "empty key");
  EXPECT_EQ(cache.find(long_word), "");
  EXPECT_EQ(cache.find(""), "empty key");
}

// An earlier answer handed back as a key must survive the clear and the
// append that inserting it causes.
TEST(WordCache, InsertsItsOwnAnswersSafely) {
  WordCache cache(2);
  cache.insert("walking", "walk");
  cache.insert("talks", "talk");
  const std::string_view cached_first = *cache.find("walking");
  EXPECT_EQ(cache.insert(cached_first, cached_first), "walk");  // clears: full
  EXPECT_EQ(cache.find("walk"), "walk");
}

}  // namespace
}  // namespace lisan::internal
