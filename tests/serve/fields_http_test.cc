// `lisan serve` with fields: filter=, sort=, facet= and fields= answer what
// `lisan search --json` prints for the same options, and bad field input is
// a 400 naming the offset.
#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "serve/background_process.h"
#include "support/run_command.h"

namespace lisan {
namespace {

using testing::BackgroundProcess;
using testing::run_lisan;
using testing::TempDir;
using Json = nlohmann::json;

class ServeFields : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    const std::string corpus = LISAN_CORPUS_DIR;
    const auto result = run_lisan({"index", "--db", db(), "--schema",
                                   corpus + "/fields/schema.json", corpus + "/fields/news.jsonl"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    server_ = testing::start_server({"--db", db()}, port_);
    ASSERT_TRUE(server_) << "lisan serve did not announce its address";
  }
  static void TearDownTestSuite() {
    server_.reset();
    dir_.reset();
  }
  static std::string db() { return *dir_ / "db"; }

  static httplib::Result get(const std::string& path) {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(30, 0);
    return client.Get(path.c_str());
  }

  inline static std::unique_ptr<TempDir> dir_;
  inline static std::unique_ptr<BackgroundProcess> server_;
  inline static int port_ = 0;
};

TEST_F(ServeFields, FieldParametersAnswerWhatTheCliPrints) {
  const auto answer =
      get("/search?q=&filter=date:2025-11..&filter=-tags:syria&sort=-words&facet=source&facet=date"
          "&fields=words,source&limit=3");
  ASSERT_TRUE(answer);
  ASSERT_EQ(answer->status, 200) << answer->body;
  const auto cli = run_lisan({"search", "--json", "--db", db(), "--filter", "date:2025-11..",
                              "--filter", "-tags:syria", "--sort", "-words", "--facet", "source",
                              "--facet", "date", "--fields", "words,source", "--limit", "3", ""});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(Json::parse(answer->body), Json::parse(cli.out));
  const Json body = Json::parse(answer->body);
  EXPECT_EQ(body["total"], 4);
  EXPECT_EQ(body["results"][0]["id"], "seed-002");
  EXPECT_EQ(body["results"][0]["fields"]["words"], 336);
  EXPECT_EQ(body["facets"]["source"].size(), 2u);
}

TEST_F(ServeFields, BadFieldInputIsABadRequestWithTheOffset) {
  auto answer = get("/search?q=Kazakhstan%20colour:red");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 400);
  Json body = Json::parse(answer->body);
  EXPECT_EQ(body["offset"], 11);
  EXPECT_NE(body["error"].get<std::string>().find("unknown field"), std::string::npos);
  answer = get("/search?q=x&filter=words:lots");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 400);
  answer = get("/search?q=x&sort=nothing");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 400) << answer->body;
  answer = get("/search?q=x&facet=summary");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 400) << answer->body;
}

}  // namespace
}  // namespace lisan
