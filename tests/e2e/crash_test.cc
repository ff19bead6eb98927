// The crash test: `lisan index` is killed with SIGKILL at random moments of a
// run over a generated corpus, again and again. After every kill the index
// must open, pass xapian-check, hold the document count of a completed
// commit and answer searches; re-running `lisan index` (sometimes killed
// once more on the way) must end in exactly the state of an uninterrupted
// run: the same documents, terms, values and term statistics.
//
// Usage: crash_test [--kills=N] [--files=N] [--seed=N] [--input=PATH] [gtest flags]
// (--input: index that file, folder or .jsonl instead of a generated corpus)
// (CI runs a few kills; the dedicated run uses --kills=25 or more.)
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>

#include "support/corpus_generator.h"
#include "support/index_snapshot.h"
#include "support/run_command.h"
#include "support/test_program.h"

namespace lisan {
namespace {

using testing::BackgroundLisan;
using testing::run_lisan;
using testing::TempDir;

int g_kills = 3;
int g_files = 2000;
std::string g_input;  // a file or folder to index instead of a generated corpus
std::uint32_t g_seed = 1;

constexpr int kBatch = 50;

struct Outcome {
  int kills_tried = 0;     // SIGKILL sent while the indexer was running
  int kills_survived = 0;  // ... after which every check passed
  int ended_first = 0;     // the run finished before the planned kill
};

class CrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (g_input.empty()) testing::generate_corpus(dir_ / "docs", g_files, g_seed);
    const auto started = std::chrono::steady_clock::now();
    const auto result = run_lisan(args(dir_ / "reference"));
    full_run_ = std::chrono::steady_clock::now() - started;
    ASSERT_EQ(result.exit_code, 0) << result.err;
    reference_ = testing::snapshot_index(dir_ / "reference");
    if (g_input.empty()) {
      ASSERT_EQ(reference_.documents, static_cast<std::uint64_t>(g_files));
    }
    ASSERT_GT(reference_.documents, 0u);
  }

  std::vector<std::string> args(const std::string& db) const {
    return {"index",
            "--db",
            db,
            "--batch",
            std::to_string(kBatch),
            g_input.empty() ? dir_ / "docs" : g_input};
  }

  // Starts `lisan index` on `db` and kills it after a random delay within
  // the length of a full run. False when it ended before the kill.
  bool run_and_kill(const std::string& db, std::mt19937& random) {
    std::error_code error;
    const bool fresh = !std::filesystem::exists(db, error);
    const auto window = std::chrono::duration_cast<std::chrono::microseconds>(full_run_);
    std::uniform_int_distribution<long long> delay(0, window.count());
    const auto started = std::chrono::steady_clock::now();
    BackgroundLisan indexer(args(db), dir_ / "log");
    std::this_thread::sleep_for(std::chrono::microseconds(delay(random)));
    if (!indexer.running()) {
      // A whole run on a fresh index ended first: the machine got faster
      // than when the reference run was timed (its load changed), so aim
      // the next kills within this shorter run. (Re-runs skip committed
      // documents and are shorter anyway: they do not count.)
      if (fresh) full_run_ = std::min(full_run_, std::chrono::steady_clock::now() - started);
      return false;
    }
    indexer.signal(SIGKILL);
    const int status = indexer.wait();
    // It may end between the check above and the signal: a kill that came
    // too late, like the case above.
    if (status == 0) return false;
    EXPECT_EQ(status, 128 + SIGKILL);
    return true;
  }

  // The checks after a kill; true when all pass.
  bool index_is_at_a_commit(const std::string& db) {
    const int failures_before = testing::failed_assertions();
    const long long count = testing::document_count(db);
    if (count < 0) {
      // Killed while Xapian was creating the folder: no database yet is a
      // valid "before the first commit" state, as long as a re-run works.
      const auto info = run_lisan({"info", "--db", db});
      EXPECT_EQ(info.exit_code, 1) << info.err;
      return testing::failed_assertions() == failures_before;
    }
    const auto total = static_cast<long long>(reference_.documents);
    EXPECT_TRUE(count % kBatch == 0 || count == total) << "not a commit's count: " << count;
    const auto check = testing::run_program({"xapian-check", db});
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
    EXPECT_NE(check.out.find("No errors found"), std::string::npos) << check.out;
    const auto search = run_lisan({"search", "--db", db, "--json", "pemerintah", "government"});
    EXPECT_EQ(search.exit_code, 0) << search.err;
    // The generated corpus has these words in every batch; another input may not.
    if (search.exit_code == 0 && count > 0 && g_input.empty()) {
      EXPECT_GT(nlohmann::json::parse(search.out)["total"].get<int>(), 0) << search.out;
    }
    return testing::failed_assertions() == failures_before;
  }

  TempDir dir_;
  std::chrono::steady_clock::duration full_run_{};
  testing::IndexSnapshot reference_;
};

TEST_F(CrashTest, KillNineAtRandomMomentsThenRerunEndsLikeAnUninterruptedRun) {
  std::mt19937 random(g_seed);
  Outcome outcome;
  for (int trial = 0; outcome.kills_tried < g_kills; ++trial) {
    ASSERT_LT(trial, 4 * g_kills + 10) << "the runs keep ending before the kill";
    const std::string db = dir_ / ("db" + std::to_string(trial));
    // Half of the trials kill the re-run too, before the last run completes.
    const int kills_this_trial = trial % 2 == 0 ? 1 : 2;
    for (int k = 0; k < kills_this_trial && outcome.kills_tried < g_kills; ++k) {
      if (!run_and_kill(db, random)) {
        ++outcome.ended_first;
        break;
      }
      ++outcome.kills_tried;
      if (!index_is_at_a_commit(db)) {
        std::cerr << "trial " << trial << ": index after kill failed its checks\n";
        break;
      }
      ++outcome.kills_survived;
    }
    const auto rerun = run_lisan(args(db));
    ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
    ASSERT_TRUE(testing::snapshot_index(db) == reference_)
        << "trial " << trial << ": the completed index differs from an uninterrupted run's";
    std::error_code error;
    std::filesystem::remove_all(db, error);
  }
  std::cout << "crash test: " << outcome.kills_survived << " kills survived / "
            << outcome.kills_tried << " tried (" << outcome.ended_first
            << " runs ended before their kill), " << reference_.documents << " documents from "
            << (g_input.empty() ? "a generated corpus" : g_input) << ", batches of " << kBatch
            << ", kill window "
            << std::chrono::duration_cast<std::chrono::milliseconds>(full_run_).count()
            << " ms, seed " << g_seed << '\n';
  EXPECT_EQ(outcome.kills_survived, outcome.kills_tried);
}

}  // namespace
}  // namespace lisan

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  for (int i = 1; i < argc; ++i) {
    long long value = 0;
    const std::string arg = argv[i];
    if (lisan::testing::take_flag(arg, "--kills", value) && value > 0) {
      lisan::g_kills = static_cast<int>(value);
    } else if (lisan::testing::take_flag(arg, "--files", value) && value > 0) {
      lisan::g_files = static_cast<int>(value);
    } else if (arg.starts_with("--input=")) {
      lisan::g_input = arg.substr(8);
    } else if (lisan::testing::take_flag(arg, "--seed", value)) {
      lisan::g_seed = static_cast<std::uint32_t>(value);
    } else {
      std::cerr << "crash_test: unknown argument " << arg
                << " (use --kills=N --files=N --seed=N --input=PATH)\n";
      return 2;
    }
  }
  return RUN_ALL_TESTS();
}
