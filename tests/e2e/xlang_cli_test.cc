// End-to-end: searching across scripts and languages with the real `lisan`
// binary on the bundled corpus (issue: names in any script, words through
// dictionaries).
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "support/corpus_index_fixture.h"
#include "support/run_command.h"

namespace lisan {
namespace {

using testing::run_lisan;
using testing::TempDir;
using Json = nlohmann::json;

constexpr const char* kIndonesianWithBoth = "001_ae5881f801838b21.txt";
constexpr const char* kIndonesianWashington = "000_349ad21918281b15.txt";
constexpr const char* kEnglishTokayev = "002_3e3a84fcd55ba876.txt";
constexpr const char* kArabicTokayev = "003_38e6d22ca08bed6e.txt";

using CrossLanguageCli = testing::CorpusIndexTest;

TEST_F(CrossLanguageCli, LatinNamesFindTheArabicArticleToo) {
  const auto found = ids(search_json({"Tokayev", "Washington"}));
  ASSERT_GE(found.size(), 4u);
  // The three Latin-script articles that name them first, the one with both
  // names on top; the Arabic one (توكاييف) after them.
  EXPECT_EQ(found[0], kIndonesianWithBoth);
  EXPECT_EQ(std::set<std::string>(found.begin() + 1, found.begin() + 3),
            (std::set<std::string>{kIndonesianWashington, kEnglishTokayev}));
  EXPECT_EQ(found[3], kArabicTokayev);
}

TEST_F(CrossLanguageCli, WithoutTransliterationTheArabicArticleIsMissed) {
  const auto found = ids(search_json({"--no-transliterate", "--no-translate", "Tokayev"}));
  EXPECT_EQ(std::set<std::string>(found.begin(), found.end()),
            (std::set<std::string>{kIndonesianWithBoth, kEnglishTokayev}));
}

TEST_F(CrossLanguageCli, ArabicNameFindsTheLatinArticles) {
  const auto found = ids(search_json({"توكاييف"}));
  const std::set<std::string> set(found.begin(), found.end());
  EXPECT_TRUE(set.count(kIndonesianWithBoth)) << "001 writes Tokayev";
  EXPECT_TRUE(set.count(kEnglishTokayev)) << "002 writes Tokayev";
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0], kArabicTokayev) << "the same-script match ranks first";
}

// A document found through a name key shows the word that matched, in its
// own script, marked like any other match.
TEST_F(CrossLanguageCli, SnippetsMarkTheNameInTheOtherScript) {
  auto snippet_of = [](const Json& out, const std::string& id) {
    for (const Json& hit : out["results"]) {
      if (hit["id"] == id) return hit["snippet"].get<std::string>();
    }
    return std::string("(not found)");
  };
  const std::string arabic = snippet_of(search_json({"Tokayev"}), kArabicTokayev);
  EXPECT_NE(arabic.find("<b>توكاييف</b>"), std::string::npos) << arabic;
  const std::string english = snippet_of(search_json({"توكاييف"}), kEnglishTokayev);
  EXPECT_NE(english.find("<b>Tokayev</b>"), std::string::npos) << english;
  // Without the key the Arabic article is not found, so nothing to mark.
  const std::string off =
      snippet_of(search_json({"--no-transliterate", "Tokayev"}), kArabicTokayev);
  EXPECT_EQ(off, "(not found)");
}

TEST_F(CrossLanguageCli, ExplainShowsTheExpansions) {
  const Json out = search_json({"--explain", "Tokayev"});
  const std::string expansions = out["expansions"].dump();
  EXPECT_NE(expansions.find("XKAtkf"), std::string::npos) << expansions;
  EXPECT_NE(out["xapian_query"].get<std::string>().find("XKAtkf"), std::string::npos);

  const auto text = run_lisan({"search", "--db", db(), "--explain", "Tokayev"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("expansion: Tokayev has the name key XKAtkf"), std::string::npos)
      << text.out;
}

TEST_F(CrossLanguageCli, NoTransliterateLeavesTheKeyOut) {
  const Json out = search_json({"--explain", "--no-transliterate", "--no-translate", "Tokayev"});
  EXPECT_EQ(out["xapian_query"].get<std::string>().find("XK"), std::string::npos);
  EXPECT_TRUE(out["expansions"].empty());
}

}  // namespace
}  // namespace lisan
