// End-to-end: the real `lisan` binary on the bundled corpus and on
// temporary folders, checked through its output and exit codes.
#include <gtest/gtest.h>

#include <filesystem>
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

using CorpusCli = testing::CorpusIndexTest;

TEST_F(CorpusCli, MainQueryRanksTheDocumentWithBothNamesFirst) {
  const Json out = search_json({"Tokayev", "Washington"});
  EXPECT_EQ(out["query"], "Tokayev Washington");
  const auto found = ids(out);
  ASSERT_GE(found.size(), 3u);
  EXPECT_EQ(found[0], "001_ae5881f801838b21.txt");
  // The other Indonesian and the English article follow.
  const std::set<std::string> next(found.begin() + 1, found.begin() + 3);
  EXPECT_EQ(next, (std::set<std::string>{"000_349ad21918281b15.txt", "002_3e3a84fcd55ba876.txt"}));
  const Json& first = out["results"][0];
  EXPECT_EQ(first["rank"], 1);
  EXPECT_EQ(first["lang"], "id");
  EXPECT_FALSE(first["title"].get<std::string>().empty());
  EXPECT_EQ(first["url"], "https://www.thenationalnews.co");
  EXPECT_NE(first["snippet"].get<std::string>().find("<b>Tokayev</b>"), std::string::npos);
  EXPECT_GT(first["score"].get<double>(), 0.0);
}

TEST_F(CorpusCli, TextOutputListsRankIdLanguageAndTitle) {
  const auto result = run_lisan({"search", "--db", db(), "Tokayev", "Washington"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("1. 001_ae5881f801838b21.txt  [id]  Kazakhstan siap bergabung"),
            std::string::npos)
      << result.out;
  EXPECT_EQ(result.out.find("\x1b["), std::string::npos) << "no colour when not a terminal";
}

TEST_F(CorpusCli, LanguageFilter) {
  EXPECT_EQ(ids(search_json({"--lang", "en", "Kazakhstan"})),
            std::vector<std::string>{"002_3e3a84fcd55ba876.txt"});
}

TEST_F(CorpusCli, ArabicWithDiacriticsFindsBothArabicDocuments) {
  const auto found = ids(search_json({"كَازَاخِسْتَان"}));
  const std::set<std::string> set(found.begin(), found.end());
  EXPECT_TRUE(set.count("003_38e6d22ca08bed6e.txt"));
  EXPECT_TRUE(set.count("004_147e57a660519c9c.txt"));
}

TEST_F(CorpusCli, InfoReportsDocumentsAndLanguages) {
  const auto result = run_lisan({"info", "--db", db(), "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const Json info = Json::parse(result.out);
  EXPECT_EQ(info["documents"], 5);
  EXPECT_EQ(info["languages"], (Json{{"ar", 2}, {"en", 1}, {"id", 2}}));
}

TEST_F(CorpusCli, ReindexingTheCorpusChangesNothing) {
  const auto result = run_lisan({"index", "--db", db(), LISAN_CORPUS_DIR});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("0 added, 0 replaced, 5 unchanged"), std::string::npos) << result.err;
}

TEST(AnalyzeCli, DiacriticsDoNotChangeTheTerm) {
  const auto result = run_lisan({"analyze", "--json", "الصِّرَاطَ", "الصراط"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const Json out = Json::parse(result.out);
  EXPECT_EQ(out["lang"], "ar");
  ASSERT_EQ(out["tokens"].size(), 2u);
  EXPECT_EQ(out["tokens"][0]["term"], out["tokens"][1]["term"]);
  EXPECT_EQ(out["tokens"][0]["term"], "الصراط");
  EXPECT_EQ(out["tokens"][0]["start"], 0);
  EXPECT_EQ(out["tokens"][0]["end"], 20);
  EXPECT_EQ(out["tokens"][1]["pos"], 2);
}

TEST(AnalyzeCli, InvalidUtf8IsRepairedNotFatal) {
  const auto result = run_lisan({"analyze", "--lang", "en", "bad\xFFinput"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.err.find("1 invalid UTF-8"), std::string::npos) << result.err;
}

TEST(IndexCli, MissingPathFailsAndWritesNothing) {
  TempDir dir;
  const auto result = run_lisan({"index", "--db", dir / "db", dir / "missing"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("missing"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "db")) << "no index may be created";
}

TEST(IndexCli, UsageErrorsExitWithTwo) {
  EXPECT_EQ(run_lisan({"index"}).exit_code, 2);
  EXPECT_EQ(run_lisan({"frobnicate"}).exit_code, 2);
  TempDir dir;
  const auto bad_lang = run_lisan({"index", "--db", dir / "db", "--lang", "fr", LISAN_CORPUS_DIR});
  EXPECT_EQ(bad_lang.exit_code, 2);
  EXPECT_NE(bad_lang.err.find("--lang"), std::string::npos);
}

TEST(IndexCli, JsonlFromStandardInputWithABadLine) {
  TempDir dir;
  const std::string input =
      "{\"id\": \"one\", \"text\": \"Hubungan diplomatik dengan Israel\"}\n"
      "{broken\n"
      "{\"id\": \"two\", \"text\": \"Diplomatic relations with Israel\"}\n";
  const auto result = run_lisan({"index", "--db", dir / "db", "-"}, input);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("<stdin>:2: not valid JSON"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("2 added"), std::string::npos) << result.err;
}

TEST(IndexCli, JsonlLineWithBadBytesIsIndexedRepairedAndReported) {
  TempDir dir;
  const std::string input =
      "{\"id\": \"one\", \"text\": \"Hubungan diplomatik \xFF dengan Israel\"}\n"
      "{\"id\": \"two\", \"text\": \"Diplomatic relations with Israel\"}\n";
  const auto result = run_lisan({"index", "--db", dir / "db", "-"}, input);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("<stdin>:1: 1 invalid UTF-8 sequence(s) replaced by U+FFFD"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("2 added"), std::string::npos) << result.err;
  const auto found = run_lisan({"search", "--db", dir / "db", "diplomatik"});
  EXPECT_NE(found.out.find("one"), std::string::npos) << found.out;
}

TEST(SearchCli, MissingIndexIsAClearErrorWithExitOne) {
  TempDir dir;
  const auto result = run_lisan({"search", "--db", dir / "none", "anything"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("no index at"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace lisan
