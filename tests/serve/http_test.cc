// `lisan serve` end to end: the real program on 127.0.0.1 (a free port),
// asked over HTTP with cpp-httplib's client.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "serve/background_process.h"
#include "support/run_command.h"

namespace lisan {
namespace {

using testing::BackgroundProcess;
using testing::run_lisan;
using testing::start_server;
using testing::TempDir;
using Json = nlohmann::json;

class Serve : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    const auto result = run_lisan({"index", "--db", db(), LISAN_CORPUS_DIR});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    server_ = start_server({"--db", db(), "--threads", "4"}, port_);
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
  static std::string cli_json(const std::vector<std::string>& args) {
    std::vector<std::string> full = {"search", "--json", "--db", db()};
    full.insert(full.end(), args.begin(), args.end());
    const auto result = run_lisan(full);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  }

  static std::unique_ptr<TempDir> dir_;
  static std::unique_ptr<BackgroundProcess> server_;
  static int port_;
};
std::unique_ptr<TempDir> Serve::dir_;
std::unique_ptr<BackgroundProcess> Serve::server_;
int Serve::port_ = 0;

TEST_F(Serve, SearchAnswersExactlyWhatTheCliPrints) {
  struct Case {
    std::string path;
    std::vector<std::string> cli_args;
  };
  const std::vector<Case> cases = {
      {"/search?q=Tokayev%20Washington", {"Tokayev Washington"}},
      {"/search?q=Kazakhstan&lang=en", {"--lang", "en", "Kazakhstan"}},
      {"/search?q=Kazakhstan&offset=1&limit=2", {"--offset", "1", "--limit", "2", "Kazakhstan"}},
      {"/search?q=%D9%83%D8%A7%D8%B2%D8%A7%D8%AE%D8%B3%D8%AA%D8%A7%D9%86", {"كازاخستان"}},
      {"/search?q=Tokayev&explain=1", {"--explain", "Tokayev"}},
      {"/search?q=zzzznothing", {"zzzznothing"}},
  };
  for (const Case& c : cases) {
    const auto res = get(c.path);
    ASSERT_TRUE(res) << c.path;
    EXPECT_EQ(res->status, 200) << c.path << ' ' << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
    EXPECT_EQ(res->body + "\n", cli_json(c.cli_args)) << c.path;
  }
  const Json first = Json::parse(get("/search?q=Tokayev%20Washington")->body);
  EXPECT_EQ(first["results"][0]["id"], "001_ae5881f801838b21.txt");
}

TEST_F(Serve, BadParametersGet400WithAJsonError) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/search", "missing q"},
      {"/search?q=a&lang=fr", "lang must be"},
      {"/search?q=a&limit=-1", "limit must be a whole number"},
      {"/search?q=a&limit=abc", "limit must be a whole number"},
      {"/search?q=a&limit=101", "limit must be at most 100"},
      {"/search?q=a&offset=1e3", "offset must be a whole number"},
      {"/search?q=a&offset=99999999999999999999999", "offset must be a whole number"},
      {"/search?q=a&explain=maybe", "explain must be 1 or 0"},
      {"/search?q=a&q=b", "give q only once"},
      {"/search?q=" + std::string(3000, 'a'), "q is too long"},
  };
  for (const auto& [path, message] : cases) {
    const auto res = get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 400) << path;
    const Json body = Json::parse(res->body);
    ASSERT_TRUE(body["error"].is_string()) << res->body;
    EXPECT_NE(body["error"].get<std::string>().find(message), std::string::npos)
        << path << " → " << res->body;
  }
}

TEST_F(Serve, UnknownPathsAre404InJson) {
  const auto res = get("/no/such/thing");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(Json::parse(res->body)["error"], "no such page");
}

TEST_F(Serve, InfoAndHealth) {
  const auto info = get("/info");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->status, 200);
  const auto cli = run_lisan({"info", "--json", "--db", db()});
  EXPECT_EQ(info->body + "\n", cli.out);
  EXPECT_EQ(Json::parse(info->body)["documents"], 5);
  const auto health = get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(Json::parse(health->body)["status"], "ok");
}

TEST_F(Serve, ServesTheSearchPage) {
  const auto page = get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page->body.find("id=\"q\""), std::string::npos);
  EXPECT_NE(page->body.find("dir=\"auto\""), std::string::npos);
  const auto script = get("/app.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_NE(script->body.find("/search?"), std::string::npos);
  EXPECT_EQ(get("/style.css")->status, 200);
}

TEST_F(Serve, ConcurrentRequestsGetTheirOwnAnswers) {
  const std::vector<std::string> paths = {
      "/search?q=Tokayev%20Washington", "/search?q=Kazakhstan&lang=id",
      "/search?q=%D9%88%D8%A7%D8%B4%D9%86%D8%B7%D9%86", "/search?q=Abraham&limit=2", "/info"};
  std::vector<std::string> expected;
  for (const std::string& path : paths) expected.push_back(get(path)->body);
  constexpr int kThreads = 8;
  constexpr int kRounds = 20;
  std::vector<int> wrong(kThreads, 0);
  {
    std::vector<std::jthread> clients;
    for (int t = 0; t < kThreads; ++t) {
      clients.emplace_back([&, t] {
        httplib::Client client("127.0.0.1", port_);
        client.set_read_timeout(60, 0);
        for (int r = 0; r < kRounds; ++r) {
          const std::size_t k = static_cast<std::size_t>(t + r) % paths.size();
          const auto res = client.Get(paths[k].c_str());
          if (!res || res->status != 200 || res->body != expected[k]) ++wrong[t];
        }
      });
    }
  }
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(wrong[t], 0) << "client " << t;
}

TEST_F(Serve, JsonAnswersTellBrowsersNotToSniff) {
  for (const char* path :
       {"/search?q=Tokayev", "/search?q=a&limit=abc", "/info", "/healthz", "/no/such/thing"}) {
    const auto res = get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff") << path;
  }
}

// DNS rebinding: a page on evil.example points its name at 127.0.0.1 and
// reads the answers as its own origin. The Host header gives it away.
TEST_F(Serve, OnLoopbackOnlyRequestsForThisMachineAreAnswered) {
  const std::string port = std::to_string(port_);
  for (const std::string& host : std::vector<std::string>{
           "localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "LOCALHOST", "127.0.0.1"}) {
    httplib::Client client("127.0.0.1", port_);
    const auto res = client.Get("/search?q=Tokayev", {{"Host", host}});
    ASSERT_TRUE(res) << host;
    EXPECT_EQ(res->status, 200) << host;
  }
  for (const std::string& host :
       std::vector<std::string>{"evil.example:" + port, "evil.example", "127.0.0.1.evil.example",
                                "localhost.evil.example:" + port, "[::2]:" + port}) {
    httplib::Client client("127.0.0.1", port_);
    const auto res = client.Get("/search?q=Tokayev", {{"Host", host}});
    ASSERT_TRUE(res) << host;
    EXPECT_EQ(res->status, 421) << host;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
    const Json body = Json::parse(res->body);
    EXPECT_NE(body["error"].get<std::string>().find("--allow-host"), std::string::npos)
        << res->body;
    EXPECT_EQ(body.find("results"), body.end()) << host;
  }
}

TEST(ServeLifecycle, AllowHostAddsANameTheServerAnswersTo) {
  TempDir dir;
  ASSERT_EQ(run_lisan({"index", "--db", dir / "db", LISAN_CORPUS_DIR}).exit_code, 0);
  int port = 0;
  auto server = start_server({"--db", dir / "db", "--allow-host", "Search.Example"}, port);
  ASSERT_TRUE(server);
  httplib::Client client("127.0.0.1", port);
  EXPECT_EQ(client.Get("/healthz", {{"Host", "search.example:8080"}})->status, 200);
  EXPECT_EQ(client.Get("/healthz", {{"Host", "other.example"}})->status, 421);
}

// A search past --query-time-limit is stopped and answered 503. The index
// makes the search costly (1,000 documents holding all of its 300 words, so
// the match weighs 300,000 postings): far more than the 1 ms limit.
TEST(ServeLifecycle, ASearchPastTheTimeLimitGets503AndTheServerGoesOn) {
  TempDir dir;
  std::string words;
  for (int k = 0; k < 300; ++k) words += "w" + std::to_string(1000 + k) + " ";
  std::string jsonl;
  for (int d = 0; d < 1000; ++d) {
    jsonl +=
        Json{{"id", "d" + std::to_string(d)}, {"text", words + std::to_string(d)}}.dump() + "\n";
  }
  ASSERT_EQ(run_lisan({"index", "--db", dir / "db", "--lang", "en", "-"}, jsonl).exit_code, 0);
  std::string query = words;
  std::replace(query.begin(), query.end(), ' ', '+');
  int port = 0;
  auto server = start_server({"--db", dir / "db", "--query-time-limit", "0.001"}, port);
  ASSERT_TRUE(server);
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(30, 0);
  const auto slow = client.Get(("/search?q=" + query).c_str());
  ASSERT_TRUE(slow);
  EXPECT_EQ(slow->status, 503) << slow->body;
  EXPECT_NE(Json::parse(slow->body)["error"].get<std::string>().find("took longer than its limit"),
            std::string::npos)
      << slow->body;
  EXPECT_EQ(client.Get("/healthz")->status, 200);
  // Without a limit the same search is answered.
  int unlimited_port = 0;
  auto unlimited = start_server({"--db", dir / "db", "--query-time-limit", "0"}, unlimited_port);
  ASSERT_TRUE(unlimited);
  httplib::Client other("127.0.0.1", unlimited_port);
  other.set_read_timeout(30, 0);
  const auto answered = other.Get(("/search?q=" + query).c_str());
  ASSERT_TRUE(answered);
  EXPECT_EQ(answered->status, 200) << answered->body;
}

TEST(ServeLifecycle, SigtermStopsTheServerCleanly) {
  TempDir dir;
  ASSERT_EQ(run_lisan({"index", "--db", dir / "db", LISAN_CORPUS_DIR}).exit_code, 0);
  int port = 0;
  auto server = start_server({"--db", dir / "db"}, port);
  ASSERT_TRUE(server);
  httplib::Client client("127.0.0.1", port);
  ASSERT_EQ(client.Get("/healthz")->status, 200);
  // Clients keep asking while the server is told to stop: every answer that
  // arrives is whole (a 200 with parseable JSON); the rest are refused.
  std::atomic<bool> stop_asking{false};
  std::atomic<int> answered{0}, broken{0};
  {
    std::vector<std::jthread> clients;
    for (int t = 0; t < 4; ++t) {
      clients.emplace_back([&] {
        httplib::Client asker("127.0.0.1", port);
        asker.set_read_timeout(30, 0);
        while (!stop_asking.load()) {
          const auto res = asker.Get("/search?q=Kazakhstan%20Washington");
          if (!res) continue;
          if (res->status == 200 && Json::accept(res->body)) {
            ++answered;
          } else {
            ++broken;
          }
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(server->stop(SIGTERM, std::chrono::seconds(10)), std::optional<int>(0));
    stop_asking.store(true);
  }
  EXPECT_GT(answered.load(), 0);
  EXPECT_EQ(broken.load(), 0);
  EXPECT_FALSE(testing::wait_for_port(port, std::chrono::milliseconds(200)));
}

TEST(ServeLifecycle, SeesDocumentsCommittedWhileServing) {
  TempDir dir;
  ASSERT_EQ(run_lisan({"index", "--db", dir / "db", LISAN_CORPUS_DIR}).exit_code, 0);
  int port = 0;
  auto server = start_server({"--db", dir / "db", "--threads", "2", "--refresh", "0"}, port);
  ASSERT_TRUE(server);
  httplib::Client client("127.0.0.1", port);
  auto total = [&] {
    const auto res = client.Get("/search?q=Xylophonist");
    return res && res->status == 200 ? Json::parse(res->body)["total"].get<int>() : -1;
  };
  EXPECT_EQ(total(), 0);
  // Several commits, so that the revision the server first opened is gone
  // from the database files (Xapian keeps only the latest ones).
  for (int k = 0; k < 3; ++k) {
    const std::string line =
        Json{{"id", "new-" + std::to_string(k)},
             {"text", "The xylophonist played in Astana, take " + std::to_string(k)}}
            .dump() +
        "\n";
    ASSERT_EQ(run_lisan({"index", "--db", dir / "db", "-"}, line).exit_code, 0);
    EXPECT_EQ(total(), k + 1);
  }
}

TEST(ServeLifecycle, StartupErrorsAreClear) {
  TempDir dir;
  auto result = run_lisan({"serve", "--db", dir / "missing", "--listen", "127.0.0.1:0"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("no index at"), std::string::npos) << result.err;
  ASSERT_EQ(run_lisan({"index", "--db", dir / "db", LISAN_CORPUS_DIR}).exit_code, 0);
  for (const char* bad : {"8080", "127.0.0.1:port", "127.0.0.1:70000", ":80"}) {
    result = run_lisan({"serve", "--db", dir / "db", "--listen", bad});
    EXPECT_EQ(result.exit_code, 2) << bad;
    EXPECT_NE(result.err.find("--listen must be HOST:PORT"), std::string::npos) << result.err;
  }
  // A port already taken is an error, not a silent second server.
  int port = 0;
  auto first = start_server({"--db", dir / "db"}, port);
  ASSERT_TRUE(first);
  result =
      run_lisan({"serve", "--db", dir / "db", "--listen", "127.0.0.1:" + std::to_string(port)});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("cannot listen on"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace lisan
