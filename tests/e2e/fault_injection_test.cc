// The fault-injection test of the write path: `lisan index` runs with
// support/fault_shim.c preloaded, which makes one chosen file operation
// inside the index folder fail (a write, fsync, rename, unlink or open for
// writing) — or that one and every later one, as on a disk that died or
// filled up. The points are spread over all the operations a run makes, for
// a bulk load and for batched writes into a new index, and for an update of
// an existing one. After each failure:
//   - lisan exited 0 or 1 (never a signal) and, on 1, said what failed;
//   - an exit 0 means the index is complete (a failure was never hidden);
//   - the index opens or, when the failure came before its first commit, is
//     refused with a message; an index that opens passes xapian-check and
//     holds a completed commit's documents;
//   - running the same command again without faults ends in exactly the
//     state of a run that had none.
//
// Usage: fault_injection_test [--points=N] [--files=N] [--seed=N] [gtest flags]
// (points per scenario; CI runs a few, the dedicated run uses --points=100.)
#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "support/corpus_generator.h"
#include "support/index_snapshot.h"
#include "support/run_command.h"
#include "support/test_program.h"

namespace lisan {
namespace {

namespace fs = std::filesystem;
using testing::contains;
using testing::run_lisan;
using testing::TempDir;

int g_points = 12;
int g_files = 300;
std::uint32_t g_seed = 1;

constexpr int kBatch = 40;

// What the shim is told for one run; the environment is restored after it.
struct Fault {
  long at = 0;  // the operation to fail, from 1; 0 counts only
  bool sticky = false;
  int error = EIO;
};

struct ShimReport {
  long operations = 0;
  bool failed = false;
};

class ScopedEnvironment {
 public:
  void set(const std::string& name, const std::string& value) {
    const char* old = std::getenv(name.c_str());
    saved_.push_back({name, old != nullptr, old != nullptr ? old : ""});
    setenv(name.c_str(), value.c_str(), 1);
  }
  ~ScopedEnvironment() {
    for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) {
      if (it->existed) {
        setenv(it->name.c_str(), it->value.c_str(), 1);
      } else {
        unsetenv(it->name.c_str());
      }
    }
  }

 private:
  struct Saved {
    std::string name;
    bool existed;
    std::string value;
  };
  std::vector<Saved> saved_;
};

// Runs `lisan args` with the shim failing `fault` inside `db`.
testing::CommandResult run_with_fault(const std::vector<std::string>& args, const std::string& db,
                                      const Fault& fault, const std::string& report_file,
                                      ShimReport& report) {
  testing::CommandResult result;
  {
    ScopedEnvironment environment;
    environment.set("LD_PRELOAD", LISAN_FAULT_SHIM);
    // A sanitizer runtime insists on coming first among the libraries; the
    // shim only forwards calls, so its place does not matter to it.
    const char* asan = std::getenv("ASAN_OPTIONS");
    environment.set("ASAN_OPTIONS",
                    std::string(asan != nullptr ? asan : "") + ":verify_asan_link_order=0");
    environment.set("LISAN_FAULT_DIR", db);
    environment.set("LISAN_FAULT_AT", std::to_string(fault.at));
    environment.set("LISAN_FAULT_STICKY", fault.sticky ? "1" : "0");
    environment.set("LISAN_FAULT_ERRNO", std::to_string(fault.error));
    environment.set("LISAN_FAULT_REPORT", report_file);
    result = run_lisan(args);
  }
  std::istringstream in(testing::read_file(report_file));
  int failed = 0;
  in >> report.operations >> failed;
  report.failed = failed != 0;
  return result;
}

struct Scenario {
  std::string name;
  std::vector<std::string> extra_args;  // besides --db DB and the input
  bool from_base = false;               // starts from a copy of the base index
  bool batched = false;                 // commits every kBatch documents
};

struct Tally {
  int tried = 0;      // runs in which the chosen operation was failed
  int held = 0;       // ... after which every check passed
  int exit_zero = 0;  // ... in which lisan still completed (the failure did not matter)
  int gave_up = 0;    // ... that Xapian ended through std::terminate (see cli/main.cc)
};

class FaultInjection : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::generate_corpus(dir_ / "docs", g_files, g_seed);
    // The base for the update scenario: the corpus as it was, then changed
    // (a third of the files edited, new ones added) before the update.
    ASSERT_EQ(run_lisan({"index", "--db", dir_ / "base", dir_ / "docs"}).exit_code, 0);
    edit_corpus();
  }

  void edit_corpus() {
    int n = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir_ / "docs")) {
      if (!entry.is_regular_file() || n++ % 3 != 0) continue;
      testing::write_file(entry.path().string(),
                          testing::read_file(entry.path().string()) + "\nedited line\n");
    }
    testing::generate_corpus(dir_ / "docs/added", g_files / 4, g_seed + 1);
  }

  std::vector<std::string> args(const Scenario& scenario, const std::string& db) const {
    std::vector<std::string> all{"index", "--db", db};
    all.insert(all.end(), scenario.extra_args.begin(), scenario.extra_args.end());
    all.push_back(dir_ / "docs");
    return all;
  }

  void prepare(const Scenario& scenario, const std::string& db) const {
    std::error_code error;
    fs::remove_all(db, error);
    if (scenario.from_base) fs::copy(dir_ / "base", db, fs::copy_options::recursive);
  }

  // Every check after a run that had a failure injected; true when all pass.
  bool index_survived(const Scenario& scenario, const std::string& db,
                      const testing::CommandResult& run, const testing::IndexSnapshot& reference,
                      Tally& tally) {
    const int failures_before = testing::failed_assertions();
    EXPECT_TRUE(run.exit_code == 0 || run.exit_code == 1)
        << "exit " << run.exit_code << ": " << run.err;
    EXPECT_FALSE(contains(run.err, "terminate called")) << run.err;
    if (run.exit_code == 1) {
      EXPECT_TRUE(contains(run.err, "lisan: ")) << run.err;
    }
    if (contains(run.err, "the Xapian library gave up")) ++tally.gave_up;
    if (run.exit_code == 0) {
      ++tally.exit_zero;
      EXPECT_TRUE(testing::snapshot_index(db) == reference)
          << "lisan reported success but the index is not complete";
    }
    const auto info = run_lisan({"info", "--db", db});
    EXPECT_TRUE(info.exit_code == 0 || info.exit_code == 1) << info.err;
    const long long count = testing::document_count(db);
    if (count >= 0) {
      const auto check = testing::run_program({"xapian-check", db});
      EXPECT_TRUE(contains(check.out, "No errors found")) << check.out << check.err;
      const auto total = static_cast<long long>(reference.documents);
      if (scenario.batched && !scenario.from_base) {
        EXPECT_TRUE(count % kBatch == 0 || count == total) << "not a commit's count: " << count;
      } else if (!scenario.from_base) {
        EXPECT_TRUE(count == 0 || count == total) << "a bulk load is all or nothing: " << count;
      }
    } else {
      EXPECT_EQ(info.exit_code, 1) << "an index that cannot be opened must be refused";
    }
    return testing::failed_assertions() == failures_before;
  }

  void run_scenario(const Scenario& scenario) {
    const std::string db = dir_ / "db";
    const std::string report_file = dir_ / "shim-report";
    // The reference: the same run without faults (through the shim, to count).
    prepare(scenario, db);
    ShimReport counted;
    const auto clean = run_with_fault(args(scenario, db), db, Fault{}, report_file, counted);
    ASSERT_EQ(clean.exit_code, 0) << clean.err;
    ASSERT_GT(counted.operations, 10) << "the shim saw no file operations: is it preloaded?";
    const testing::IndexSnapshot reference = testing::snapshot_index(db);

    std::mt19937 random(g_seed);
    Tally tally;
    for (int i = 0; i < g_points; ++i) {
      // One point in each of g_points equal parts of the run.
      const long part = std::max(1L, counted.operations / g_points);
      const long at =
          std::min(counted.operations, 1 + i * part + static_cast<long>(random() % part));
      const Fault fault{at, i % 2 == 1, i % 4 < 2 ? EIO : ENOSPC};
      prepare(scenario, db);
      ShimReport report;
      const auto run = run_with_fault(args(scenario, db), db, fault, report_file, report);
      if (!report.failed) continue;  // this run made fewer operations than counted
      ++tally.tried;
      const bool survived = index_survived(scenario, db, run, reference, tally);
      const auto rerun = run_lisan(args(scenario, db));
      EXPECT_EQ(rerun.exit_code, 0) << rerun.err;
      const bool complete = rerun.exit_code == 0 && testing::snapshot_index(db) == reference;
      EXPECT_TRUE(complete) << "the re-run did not end like a run without faults";
      if (survived && complete) {
        ++tally.held;
      } else {
        std::cerr << scenario.name << ": failing operation " << at << " of " << counted.operations
                  << (fault.sticky ? " and all later ones" : "") << " (errno " << fault.error
                  << ") broke a promise; lisan said: " << run.err;
      }
    }
    std::cout << "fault injection, " << scenario.name << ": " << tally.held << " held / "
              << tally.tried << " failures injected (" << tally.exit_zero
              << " runs completed despite the failure, " << tally.gave_up
              << " ended inside Xapian's commit), over " << counted.operations
              << " file operations a run, " << reference.documents << " documents, seed " << g_seed
              << '\n';
    EXPECT_GT(tally.tried, 0);
    EXPECT_EQ(tally.held, tally.tried);
  }

  TempDir dir_;
};

TEST_F(FaultInjection, BulkLoadIntoANewIndex) {
  run_scenario({"bulk load into a new index", {}, false, false});
}

TEST_F(FaultInjection, BatchedWritesIntoANewIndex) {
  run_scenario(
      {"batched writes into a new index", {"--batch", std::to_string(kBatch)}, false, true});
}

TEST_F(FaultInjection, UpdateOfAnExistingIndex) {
  run_scenario(
      {"update of an existing index", {"--batch", std::to_string(kBatch), "--prune"}, true, true});
}

}  // namespace
}  // namespace lisan

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  for (int i = 1; i < argc; ++i) {
    long long value = 0;
    const std::string arg = argv[i];
    if (lisan::testing::take_flag(arg, "--points", value) && value > 0) {
      lisan::g_points = static_cast<int>(value);
    } else if (lisan::testing::take_flag(arg, "--files", value) && value > 0) {
      lisan::g_files = static_cast<int>(value);
    } else if (lisan::testing::take_flag(arg, "--seed", value)) {
      lisan::g_seed = static_cast<std::uint32_t>(value);
    } else {
      std::cerr << "fault_injection_test: unknown argument " << arg
                << " (use --points=N --files=N --seed=N)\n";
      return 2;
    }
  }
  return RUN_ALL_TESTS();
}
