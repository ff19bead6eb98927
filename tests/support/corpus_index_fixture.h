// A test suite over one index of the bundled corpus/, built once per suite by
// the real `lisan index`, for end-to-end tests of what reads it.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/run_command.h"

namespace lisan::testing {

class CorpusIndexTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    const CommandResult result = run_lisan({"index", "--db", db(), LISAN_CORPUS_DIR});
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::string db() { return *dir_ / "db"; }

  // `lisan search --db DB --json ARGS…`, which must succeed; its parsed output.
  static nlohmann::json search_json(const std::vector<std::string>& args) {
    std::vector<std::string> full = {"search", "--db", db(), "--json"};
    full.insert(full.end(), args.begin(), args.end());
    const CommandResult result = run_lisan(full);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return nlohmann::json::parse(result.out);
  }

  // The ids of the results of `lisan search --json` output, in rank order.
  static std::vector<std::string> ids(const nlohmann::json& out) {
    std::vector<std::string> found;
    for (const nlohmann::json& hit : out["results"]) found.push_back(hit["id"]);
    return found;
  }

 private:
  inline static std::unique_ptr<TempDir> dir_;
};

}  // namespace lisan::testing
