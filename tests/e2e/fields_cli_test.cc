// End-to-end: documents with fields through the real `lisan` program, on the
// bundled sample corpus/fields/ (index --schema, search --filter, --sort,
// --facet, --fields, info, delete) and on small made-up JSONL for bad input.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/run_command.h"

namespace lisan {
namespace {

using testing::contains;
using testing::run_lisan;
using testing::TempDir;
using Json = nlohmann::json;

const std::string kSample = std::string(LISAN_CORPUS_DIR) + "/fields/news.jsonl";
const std::string kSchema = std::string(LISAN_CORPUS_DIR) + "/fields/schema.json";

class FieldsCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto result = run_lisan({"index", "--db", db(), "--schema", kSchema, kSample});
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }
  std::string db() const { return dir_ / "db"; }

  Json search(std::vector<std::string> options, const std::string& query = "") {
    std::vector<std::string> args = {"search", "--db", db(), "--json"};
    args.insert(args.end(), options.begin(), options.end());
    args.push_back("--");
    args.push_back(query);
    const auto result = run_lisan(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.exit_code == 0 ? Json::parse(result.out) : Json::object();
  }
  static std::vector<std::string> ids(const Json& out) {
    std::vector<std::string> found;
    for (const Json& hit : out["results"]) found.push_back(hit["id"]);
    return found;
  }

  TempDir dir_;
};

using Ids = std::vector<std::string>;

TEST_F(FieldsCli, FilterInTheQueryAndAsAnOption) {
  EXPECT_EQ(ids(search({}, "Kazakhstan source:aljazeera.com")), (Ids{"seed-000"}));
  EXPECT_EQ(ids(search({"--filter", "source:aljazeera.com"}, "Kazakhstan")), (Ids{"seed-000"}));
  const Json not_syria = search({"--filter", "-tags:syria", "--limit", "10"});
  EXPECT_EQ(not_syria["total"], 4);
  EXPECT_EQ(ids(search({}, "tags:(syria OR white-house)")).size(), 2u);
  EXPECT_EQ(search({}, "date:2025-11..")["total"], 5);
  EXPECT_EQ(search({}, "date:..2025-10")["total"], 0) << "an empty range finds nothing";
  EXPECT_EQ(ids(search({}, "words:330..")), (Ids{"seed-002"}));
}

TEST_F(FieldsCli, SortOnAFieldSomeDocumentsLackPutsThemLast) {
  // An empty query with a filter lists every document that passes it.
  const Ids by_source = ids(search({"--sort", "-source", "--filter", "date:2025"}));
  ASSERT_EQ(by_source.size(), 5u);
  EXPECT_EQ(by_source[0], "seed-001");  // thenationalnews.com
  EXPECT_EQ(by_source[1], "seed-000");  // aljazeera.com; then the three without a source
  const Ids ascending = ids(search({"--sort", "source", "--filter", "date:2025"}));
  ASSERT_EQ(ascending.size(), 5u);
  EXPECT_EQ(ascending[0], "seed-000");
  EXPECT_EQ(ascending[1], "seed-001");
  const Ids by_words =
      ids(search({"--sort", "-words", "--limit", "2", "--offset", "1", "--filter", "date:2025"}));
  EXPECT_EQ(by_words, (Ids{"seed-004", "seed-003"}));  // 336, [323, 299], 293, 258
}

TEST_F(FieldsCli, FacetsAndStoredFieldsInJson) {
  const Json out = search(
      {"--facet", "tags", "--facet", "date", "--fields", "source,words", "--filter", "date:2025"});
  ASSERT_TRUE(out["facets"].contains("tags")) << out.dump();
  EXPECT_EQ(out["facets"]["tags"][0], (Json{{"value", "abraham-accords"}, {"count", 5}}));
  EXPECT_EQ(out["facets"]["date"], (Json::array({{{"value", "2025-11"}, {"count", 5}}})));
  EXPECT_TRUE(out["facets"].contains("lang"));
  EXPECT_FALSE(out.contains("estimated_facets"));
  for (const Json& hit : out["results"]) {
    ASSERT_TRUE(hit.contains("fields")) << hit.dump();
    EXPECT_TRUE(hit["fields"]["words"].is_number()) << hit.dump();
    EXPECT_FALSE(hit["fields"].contains("tags")) << "only the fields asked for";
  }
}

TEST_F(FieldsCli, TextOutputShowsFacetsAndFields) {
  const auto result =
      run_lisan({"search", "--db", db(), "--facet", "source", "source:thenationalnews.com"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "source:  thenationalnews.com: 1")) << result.out;
  EXPECT_TRUE(contains(result.out, "tags: kazakhstan, abraham-accords, white-house")) << result.out;
}

TEST_F(FieldsCli, UnknownFieldAndBadValueAreUsageErrorsNamingThePosition) {
  auto result = run_lisan({"search", "--db", db(), "Kazakhstan colour:red"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(contains(result.err, "unknown field \"colour\"")) << result.err;
  EXPECT_TRUE(contains(result.err, "at byte 11")) << result.err;
  result = run_lisan({"search", "--db", db(), "--filter", "words:many", "Kazakhstan"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(contains(result.err, "\"many\" is not a number")) << result.err;
  result = run_lisan({"search", "--db", db(), "--sort", "summary", "Kazakhstan"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_TRUE(contains(result.err, "text field")) << result.err;
}

TEST_F(FieldsCli, InfoShowsTheSchema) {
  const auto result = run_lisan({"info", "--db", db(), "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const Json info = Json::parse(result.out);
  EXPECT_EQ(info["fields"]["source"], "keyword");
  EXPECT_EQ(info["fields"]["date"], "date");
  EXPECT_EQ(info["fields"]["words"], "number");
  EXPECT_EQ(info["fields"]["summary"], "text");
  EXPECT_EQ(info["fields"]["modified"], "date");
}

TEST_F(FieldsCli, DeleteThenReAdd) {
  auto result = run_lisan({"delete", "--db", db(), "seed-000", "no-such-id"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.err, "deleted: 1 (1 id(s) not in the index)")) << result.err;
  EXPECT_EQ(search({}, "source:aljazeera.com")["total"], 0);
  result = run_lisan({"delete", "--db", db(), "--ids-from", "-"}, "seed-001\n\nseed-002\n");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.err, "deleted: 2")) << result.err;
  result = run_lisan({"index", "--db", db(), kSample});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.err, "3 added")) << result.err;
  EXPECT_EQ(search({}, "source:aljazeera.com")["total"], 1);
}

TEST_F(FieldsCli, DeleteNeedsAnIndexAndIds) {
  auto result = run_lisan({"delete", "--db", dir_ / "nothing", "x"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_TRUE(contains(result.err, "no index")) << result.err;
  result = run_lisan({"delete", "--db", db()});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_TRUE(contains(result.err, "no id to delete")) << result.err;
}

TEST(FieldsCliInput, BadValuesAreReportedWithIdAndLineAndTheFieldDropped) {
  TempDir dir;
  const std::string jsonl = dir / "bad.jsonl";
  testing::write_file(jsonl,
                      "{\"id\": \"ok\", \"text\": \"first text\", \"fields\": {\"words\": 3}}\n"
                      "{\"id\": \"bad\", \"text\": \"second text\", "
                      "\"fields\": {\"words\": \"many\", \"date\": \"2025-11-06\"}}\n"
                      "{\"id\": \"odd\", \"text\": \"third text\", \"fields\": [1]}\n");
  const auto result = run_lisan({"index", "--db", dir / "db", "--schema", kSchema, jsonl});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.err,
                       "bad.jsonl:2: document bad: field \"words\": \"many\" is "
                       "not a number; field dropped"))
      << result.err;
  EXPECT_TRUE(contains(result.err, "bad.jsonl:3: \"fields\" is not an object")) << result.err;
  EXPECT_TRUE(contains(result.err, "fields dropped: 1")) << result.err;
  const auto found = run_lisan({"search", "--db", dir / "db", "--json", "date:2025-11-06"});
  ASSERT_EQ(found.exit_code, 0) << found.err;
  EXPECT_EQ(Json::parse(found.out)["total"], 1) << "the document is kept, its good fields too";
}

TEST(FieldsCliInput, SchemaErrorsAreClear) {
  TempDir dir;
  const std::string bad = dir / "bad.json";
  testing::write_file(bad, R"({"fields": {"price": "money"}})");
  auto result = run_lisan({"index", "--db", dir / "db", "--schema", bad, kSample});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_TRUE(contains(result.err, "no known type")) << result.err;
  result = run_lisan({"index", "--db", dir / "db", "--schema", kSchema, kSample});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string changed = dir / "changed.json";
  testing::write_file(changed, R"({"fields": {"words": "keyword"}})");
  result = run_lisan({"index", "--db", dir / "db", "--schema", changed, kSample});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_TRUE(contains(result.err, "\"words\" is a number field in this index")) << result.err;
  EXPECT_TRUE(contains(result.err, "re-index")) << result.err;
}

TEST(FieldsCliInput, FilesGetModifiedSizeAndPath) {
  TempDir dir;
  std::filesystem::create_directories(dir / "docs/news/2025");
  testing::write_file(dir / "docs/news/2025/a.txt", "Kazakhstan news\nKazakhstan body\n");
  testing::write_file(dir / "docs/b.txt", "Kazakhstan other\nKazakhstan longer body\n");
  auto result = run_lisan({"index", "--db", dir / "db", dir / "docs"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  result = run_lisan({"search", "--db", dir / "db", "--json", "Kazakhstan path:news"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  Json out = Json::parse(result.out);
  ASSERT_EQ(out["total"], 1);
  EXPECT_EQ(out["results"][0]["fields"]["path"], (Json::array({"news", "news/2025"})));
  result = run_lisan(
      {"search", "--db", dir / "db", "--json", "--sort", "-size", "Kazakhstan modified:2000.."});
  out = Json::parse(result.out);
  ASSERT_EQ(out["total"], 2) << result.out;
  EXPECT_EQ(out["results"][0]["id"], "b.txt");  // the larger file first
  EXPECT_EQ(out["results"][1]["id"], "news/2025/a.txt");
}

}  // namespace
}  // namespace lisan
