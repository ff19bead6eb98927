// End-to-end: `lisan search` on the bundled corpus, for the query language,
// the JSON shape, spelling suggestions and query errors.
#include <gtest/gtest.h>

#include <algorithm>
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

constexpr const char* k000 = "000_349ad21918281b15.txt";
constexpr const char* k001 = "001_ae5881f801838b21.txt";
constexpr const char* k002 = "002_3e3a84fcd55ba876.txt";
constexpr const char* k003 = "003_38e6d22ca08bed6e.txt";
constexpr const char* k004 = "004_147e57a660519c9c.txt";

class QuerySearchCli : public testing::CorpusIndexTest {
 protected:
  // `lisan search --json OPTIONS -- ARGS` ("--" so that "-word" is a query word).
  // These tests are about the query language within one script and language,
  // so cross-language expansion is off (tests/e2e/xlang_cli_test.cc has it on).
  static Json search_json(std::vector<std::string> args, std::vector<std::string> options = {}) {
    std::vector<std::string> full = {"search", "--db",           db(),
                                     "--json", "--no-translate", "--no-transliterate"};
    full.insert(full.end(), options.begin(), options.end());
    full.push_back("--");
    full.insert(full.end(), args.begin(), args.end());
    const auto result = run_lisan(full);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return Json::parse(result.out);
  }
  static std::set<std::string> id_set(const Json& out) {
    const auto found = ids(out);
    return {found.begin(), found.end()};
  }
};

TEST_F(QuerySearchCli, TokayevWashingtonRanks001First) {
  const auto found = ids(search_json({"Tokayev", "Washington"}));
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0], k001);
}

TEST_F(QuerySearchCli, ArabicWithHarakatFindsBothArabicDocuments) {
  EXPECT_EQ(id_set(search_json({"كَازَاخِسْتَان"})), (std::set<std::string>{k003, k004}));
}

TEST_F(QuerySearchCli, ExcludedWordRemovesItsDocuments) {
  const auto found = id_set(search_json({"perjanjian -bilateral"}));
  EXPECT_TRUE(found.contains(k001));
  EXPECT_FALSE(found.contains(k000));  // 000 has "perjanjian bilateral"
  // Without the exclusion 000 is there: the test above means something.
  EXPECT_TRUE(id_set(search_json({"perjanjian"})).contains(k000));
}

TEST_F(QuerySearchCli, PhraseFindsTheDocumentsWithTheWordsTogether) {
  EXPECT_EQ(id_set(search_json({"\"Abraham Accords\""})),
            (std::set<std::string>{k000, k001, k002}));
  // The same words in the other order are not the phrase.
  EXPECT_TRUE(search_json({"\"Accords Abraham\""})["results"].empty());
}

TEST_F(QuerySearchCli, ArabicPhraseWithDiacriticsAndHamza) {
  // 003 writes "اتفاقات أبراهام"; the query has harakat and a bare alef.
  const auto found = id_set(search_json({"\"اتِّفاقات ابراهام\""}));
  EXPECT_TRUE(found.contains(k003));
  EXPECT_FALSE(found.contains(k004));  // 004 says الاتفاقات الإبراهيمية
}

TEST_F(QuerySearchCli, LanguageOptionAndLanguageClauseFilter) {
  EXPECT_EQ(ids(search_json({"Kazakhstan"}, {"--lang", "en"})), std::vector<std::string>{k002});
  EXPECT_EQ(ids(search_json({"Kazakhstan lang:en"})), std::vector<std::string>{k002});
  EXPECT_EQ(id_set(search_json({"Kazakhstan -lang:id"})), (std::set<std::string>{k002}));
}

TEST_F(QuerySearchCli, BooleanOperatorsAndGroups) {
  // Only 001 mentions Miami; 002 (en) mentions Trump.
  EXPECT_EQ(id_set(search_json({"Miami OR Trump"})).size(), 3u);
  EXPECT_EQ(ids(search_json({"Washington AND Miami"})), std::vector<std::string>{k001});
  EXPECT_FALSE(id_set(search_json({"Washington NOT Miami"})).contains(k001));
  EXPECT_EQ(ids(search_json({"(Miami OR Sudan) AND +Washington lang:id"})),
            std::vector<std::string>{k001});
}

TEST_F(QuerySearchCli, TitleField) {
  // "Join" is in the English title; "Putih" in 001's title.
  EXPECT_EQ(ids(search_json({"title:Putih"})), std::vector<std::string>{k001});
}

TEST_F(QuerySearchCli, JsonHasExactlyTheDocumentedShape) {
  const Json out = search_json({"Tokayev", "Washington"});
  std::set<std::string> keys;
  for (const auto& [key, value] : out.items()) keys.insert(key);
  EXPECT_EQ(keys, (std::set<std::string>{"query", "total", "estimated", "facets", "results"}));
  EXPECT_TRUE(out["query"].is_string());
  EXPECT_TRUE(out["total"].is_number_unsigned());
  EXPECT_EQ(out["estimated"], false);  // three matches: counted exactly
  ASSERT_TRUE(out["facets"].is_object());
  EXPECT_EQ(out["facets"].size(), 1u);
  EXPECT_EQ(out["facets"]["lang"], (Json{{"en", 1}, {"id", 2}}));
  ASSERT_EQ(out["results"].size(), 3u);
  for (const Json& hit : out["results"]) {
    std::set<std::string> hit_keys;
    for (const auto& [key, value] : hit.items()) hit_keys.insert(key);
    // "fields": the built-in fields every file has (modified, size).
    EXPECT_EQ(hit_keys, (std::set<std::string>{"rank", "id", "lang", "title", "url", "score",
                                               "snippet", "fields"}));
    EXPECT_TRUE(hit["fields"]["modified"].is_string());
    EXPECT_TRUE(hit["fields"]["size"].is_number());
    EXPECT_TRUE(hit["rank"].is_number_unsigned());
    EXPECT_TRUE(hit["score"].is_number());
    for (const char* field : {"id", "lang", "title", "url", "snippet"}) {
      EXPECT_TRUE(hit[field].is_string()) << field;
    }
  }
  EXPECT_EQ(out["results"][1]["rank"], 2);
}

TEST_F(QuerySearchCli, SnippetIsAboutTwoHundredCharactersWithWholeWordsMarked) {
  const Json out = search_json({"Tokayev"});
  ASSERT_FALSE(out["results"].empty());
  const std::string snippet = out["results"][0]["snippet"];
  EXPECT_NE(snippet.find("<b>Tokayev</b>"), std::string::npos) << snippet;
}

TEST_F(QuerySearchCli, SpellingSuggestionInTextAndJson) {
  const Json out = search_json({"Tokayef", "Washington"});
  EXPECT_EQ(out["suggestion"], "Tokayev Washington");
  const Json arabic = search_json({"كازخستان"});
  EXPECT_EQ(arabic["suggestion"], "كازاخستان");
  const auto text = run_lisan({"search", "--db", db(), "perjanjan"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("did you mean: perjanjian"), std::string::npos) << text.out;
}

TEST_F(QuerySearchCli, MalformedQueryIsAUsageErrorPointingAtTheProblem) {
  const auto result = run_lisan({"search", "--db", db(), "Kazakhstan (Israel"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(result.out.empty());
  EXPECT_NE(result.err.find("unbalanced '('"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("at byte 11"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("\n             ^"), std::string::npos) << result.err;
  const auto language = run_lisan({"search", "--db", db(), "lang:xx Kazakhstan"});
  EXPECT_EQ(language.exit_code, 2);
  EXPECT_NE(language.err.find("unknown language \"xx\""), std::string::npos) << language.err;
}

// As typed at a shell, unquoted: once the query has begun, a word starting
// with "-" belongs to it.
TEST_F(QuerySearchCli, AWordStartingWithADashAfterTheQueryIsPartOfIt) {
  const std::vector<std::string> options = {"search", "--db", db(), "--no-translate",
                                            "--no-transliterate"};
  auto with = [&](std::vector<std::string> args) {
    args.insert(args.begin(), options.begin(), options.end());
    return run_lisan(args);
  };
  const auto json = with({"--json", "perjanjian", "-bilateral"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const Json out = Json::parse(json.out);
  EXPECT_EQ(out["query"], "perjanjian -bilateral");
  EXPECT_EQ(id_set(out), id_set(search_json({"perjanjian -bilateral"})));
  EXPECT_FALSE(id_set(out).contains(k000));
  const auto text = with({"perjanjian", "-bilateral", "+Kazakhstan"});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("result(s)"), std::string::npos) << text.out;
}

// Options after the query are still options, "--" still ends them, and a
// query that starts with "-" still needs it.
TEST_F(QuerySearchCli, OptionsAfterTheQueryAndDoubleDashKeepTheirMeaning) {
  const auto after = run_lisan(
      {"search", "--db", db(), "Tokayev", "-bilateral", "--json", "--limit", "1", "--lang=id"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  const Json out = Json::parse(after.out);
  EXPECT_EQ(out["query"], "Tokayev -bilateral");
  EXPECT_EQ(out["results"].size(), 1u);
  const auto dashed =
      run_lisan({"search", "--db", db(), "--json", "--", "-bilateral", "perjanjian"});
  ASSERT_EQ(dashed.exit_code, 0) << dashed.err;
  EXPECT_EQ(Json::parse(dashed.out)["query"], "-bilateral perjanjian");
  const auto later =
      run_lisan({"search", "--db", db(), "--json", "perjanjian", "--", "-bilateral"});
  ASSERT_EQ(later.exit_code, 0) << later.err;
  EXPECT_EQ(Json::parse(later.out)["query"], "perjanjian -bilateral");
  const auto first = run_lisan({"search", "--db", db(), "-bilateral", "perjanjian"});
  EXPECT_EQ(first.exit_code, 2) << first.out;
  const auto typo = run_lisan({"search", "--db", db(), "Tokayev", "--jsno"});
  EXPECT_EQ(typo.exit_code, 2) << "a misspelt option is not searched for: " << typo.out;
  EXPECT_NE(typo.err.find("--jsno"), std::string::npos) << typo.err;
}

// A query pasted with an escape sequence in it: shown escaped, the caret
// still under the error.
TEST_F(QuerySearchCli, MalformedQueryIsShownEscaped) {
  const auto result = run_lisan({"search", "--db", db(), "a\x1b[2Jb lang:xx"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err.find('\x1b'), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("\n  a\\x1B[2Jb lang:xx\n" + std::string(17, ' ') + "^"),
            std::string::npos)
      << result.err;
}

TEST_F(QuerySearchCli, ExplainShowsTheQueryAndMatchedTerms) {
  const auto result = run_lisan({"search", "--db", db(), "--explain", "Tokayev"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("query: Query("), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("matched: "), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("tokayev"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace lisan
