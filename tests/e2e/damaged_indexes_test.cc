// End-to-end: a corpus of damaged indexes (tests/support/damaged_index.h).
// On each, `lisan index`, `lisan search` and `lisan info` end with exit
// status 0 or 1 (1 with a message naming the index), never by a signal,
// never hanging; and `lisan index` never leaves an index less openable than
// it found it, nor writes into one it refuses. A damaged docdata.glass made
// `lisan index` overflow a heap buffer inside Xapian (issue 23, item 8); a
// few flipped bits of position.glass made its commit loop for ever.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <thread>

#include "support/damaged_index.h"
#include "support/run_command.h"

namespace lisan {
namespace {

using testing::contains;
using testing::Damage;
using testing::TempDir;
namespace fs = std::filesystem;

// The same seed every run: a failure names its case, and the case is redone.
constexpr std::uint32_t kPlanSeed = 2026;
// Sanitizer builds run each command several times slower: there the bit
// flips are sampled, so that CI's ASan pass stays within its time.
#ifdef LISAN_SANITIZED_BUILD
constexpr int kFlipsPerFile = 10;
#else
constexpr int kFlipsPerFile = 50;
#endif
// Far above what a command takes on this tiny index, even under sanitizers:
// only a hang reaches it.
constexpr const char* kTimeoutSeconds = "30";
constexpr int kWorkers = 3;

testing::CommandResult run_bounded(std::vector<std::string> args) {
  args.insert(args.begin(), {"timeout", "-s", "KILL", kTimeoutSeconds, LISAN_BINARY});
  return testing::run_program(args);
}

// Each file's size and, up to 1 MiB, its bytes: enough to tell whether a run
// wrote anything (a writer misled by damage once grew a file to gigabytes).
std::map<std::string, std::pair<std::uintmax_t, std::string>> folder_bytes(
    const std::string& folder) {
  constexpr std::uintmax_t kComparedBytes = 1 << 20;
  std::map<std::string, std::pair<std::uintmax_t, std::string>> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
    if (!entry.is_regular_file()) continue;
    const std::uintmax_t size = entry.file_size();
    files[entry.path().filename().string()] = {
        size, size <= kComparedBytes ? testing::read_file(entry.path().string()) : ""};
  }
  return files;
}

struct Openable {
  bool search = false;
  bool info = false;
};

// `search` and `info` read an index without Xapian's check, and a damaged
// block they read can crash them inside libxapian (docs/RELIABILITY.md,
// "Fuzzing"). In the release build no case of the corpus does; under
// AddressSanitizer's heap layout a few do, and are counted, not failed.
#ifdef LISAN_SANITIZED_BUILD
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
std::atomic<int> g_xapian_reader_crashes{0};

bool is_xapian_reader_crash(const testing::CommandResult& result) {
  return kSanitized && contains(result.err, "ERROR: AddressSanitizer: SEGV") &&
         contains(result.err, "libxapian.so");
}

// Runs `search` and `info` on `db`, expecting each to end cleanly.
Openable open_cleanly(const std::string& db, const std::string& what) {
  Openable openable;
  // Without translations, whose dictionary takes most of a search's start
  // (150 ms) and has nothing to do with the index.
  const auto search = run_bounded({"search", "--db", db, "--no-translate", "Kazakhstan Israel"});
  const auto info = run_bounded({"info", "--db", db});
  for (const auto* result : {&search, &info}) {
    if (is_xapian_reader_crash(*result)) {
      ++g_xapian_reader_crashes;
      continue;
    }
    EXPECT_TRUE(result->exit_code == 0 || result->exit_code == 1)
        << what << ": exit " << result->exit_code << " (a signal, or 137: hung)\n"
        << result->err;
    if (result->exit_code == 1) {
      EXPECT_TRUE(contains(result->err, "lisan: ") && contains(result->err, db))
          << what << ": " << result->err;
    }
  }
  openable.search = search.exit_code == 0;
  openable.info = info.exit_code == 0;
  return openable;
}

enum class Outcome { kRefused, kIndexed, kFailed };

struct CaseResult {
  Outcome outcome = Outcome::kFailed;
  bool worse = false;
};

// One case: damage a copy of `good`, open it with every command, index into
// it, and open it again if the run wrote anything.
CaseResult run_case(const std::string& good, const Damage& damage, const std::string& db,
                    const std::string& note, const std::string& what) {
  fs::copy(good, db);
  testing::apply_damage(damage, db);
  CaseResult result;
  const Openable before = open_cleanly(db, what);
  const auto bytes_before = folder_bytes(db);
  const auto index = run_bounded({"index", "--db", db, note});
  EXPECT_TRUE(index.exit_code == 0 || index.exit_code == 1)
      << what << ": lisan index exit " << index.exit_code << " (a signal, or 137: hung)\n"
      << index.err;
  if (index.exit_code == 1) {
    result.outcome = Outcome::kRefused;
    EXPECT_TRUE(contains(index.err, "lisan: ") && contains(index.err, db))
        << what << ": " << index.err;
  } else if (index.exit_code == 0) {
    result.outcome = Outcome::kIndexed;
  }
  const bool written = folder_bytes(db) != bytes_before;
  EXPECT_FALSE(index.exit_code == 1 && written) << what << ": refused, yet files changed";
  if (written) {
    const Openable after = open_cleanly(db, what + ", after lisan index");
    result.worse = (before.search && !after.search) || (before.info && !after.info);
    EXPECT_TRUE(after.search || !before.search) << what << ": search worked before the index run";
    EXPECT_TRUE(after.info || !before.info) << what << ": info worked before the index run";
  }
  fs::remove_all(db);
  return result;
}

TEST(DamagedIndexCorpus, EveryCommandEndsCleanlyAndIndexNeverMakesItWorse) {
  TempDir dir;
  const std::string good = dir / "good";
  ASSERT_EQ(testing::run_lisan({"index", "--db", good, LISAN_CORPUS_DIR}).exit_code, 0);
  testing::write_file(dir / "note.txt", "A new note on Kazakhstan, Israel and the accords.\n");
  const std::vector<Damage> plan = testing::damage_plan(good, kPlanSeed, kFlipsPerFile);
  // Every file removed, truncated and its blocks damaged, then the bit flips.
  ASSERT_GE(plan.size(), kSanitized ? 100u : 300u);
  // Cases in a few threads: each waits mostly on its commands, and on a
  // loaded machine one after another took a minute.
  std::vector<CaseResult> results(plan.size());
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < kWorkers; ++w) {
    workers.emplace_back([&] {
      for (std::size_t i = next++; i < plan.size(); i = next++) {
        const std::string what = "case " + std::to_string(i) + " (" + plan[i].describe() + ")";
        results[i] =
            run_case(good, plan[i], dir / ("case-" + std::to_string(i)), dir / "note.txt", what);
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  const auto count = [&](Outcome outcome) {
    return std::count_if(results.begin(), results.end(),
                         [&](const CaseResult& r) { return r.outcome == outcome; });
  };
  const auto worse =
      std::count_if(results.begin(), results.end(), [](const CaseResult& r) { return r.worse; });
  std::cout << plan.size() << " damaged indexes: lisan index refused " << count(Outcome::kRefused)
            << ", indexed into " << count(Outcome::kIndexed)
            << " (damage it did not read); killed or hung " << count(Outcome::kFailed)
            << ", left less openable " << worse << "; search or info crashed inside libxapian "
            << g_xapian_reader_crashes.load() << " time(s)\n";
}

// Found by random damage: with these seven bits of position.glass flipped,
// searches still worked and `lisan index` looped for ever in Xapian's
// commit. lisan now checks the tables before writing, and refuses.
TEST(DamagedIndexCorpus, FlippedPositionBitsThatMadeTheCommitLoopAreRefused) {
  TempDir dir;
  const std::string db = dir / "db";
  ASSERT_EQ(testing::run_lisan({"index", "--db", db, LISAN_CORPUS_DIR}).exit_code, 0);
  std::string position = testing::read_file(db + "/position.glass");
  ASSERT_EQ(position.size(), 32768u) << "the corpus index changed: find the bits again";
  for (const auto& [offset, bit] : std::vector<std::pair<std::size_t, int>>{
           {29434, 1}, {30987, 1}, {463, 3}, {22180, 1}, {29015, 5}, {2733, 7}, {25764, 7}}) {
    position[offset] = static_cast<char>(position[offset] ^ (1 << bit));
  }
  testing::write_file(db + "/position.glass", position);
  testing::write_file(dir / "note.txt", "A new note on Kazakhstan.\n");
  const auto index = run_bounded({"index", "--db", db, dir / "note.txt"});
  EXPECT_EQ(index.exit_code, 1) << "137: killed after hanging\n" << index.err;
  EXPECT_TRUE(contains(index.err, "index " + db + " is damaged")) << index.err;
  EXPECT_TRUE(contains(index.err, "xapian-check " + db)) << index.err;
}

}  // namespace
}  // namespace lisan
