// End-to-end: huge queries and huge inputs end in bounded time and memory,
// refused with a clear message where a limit applies (docs/RELIABILITY.md,
// "Bounded work"). Memory is bounded by running `lisan` under
// `prlimit --as` (an allocation past the bound fails the run); the time caps
// only detect hangs and are no performance claim. The largest cases do not
// run in sanitizer builds (LISAN_SANITIZED_BUILD), where they take minutes.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/corpus_index_fixture.h"
#include "support/run_command.h"

namespace lisan {
namespace {

using testing::CommandResult;
using testing::contains;
using testing::run_program;
using testing::TempDir;
using testing::write_file;
using Json = nlohmann::json;
namespace fs = std::filesystem;

constexpr std::uint64_t kMiB = 1 << 20;
// Address-space bounds of the large inputs: measured peaks (docs/RELIABILITY.md)
// with room for the allocator's and threads' reservations.
constexpr std::uint64_t kLineAddressSpace = 2048 * kMiB;
constexpr std::uint64_t kTinyFilesAddressSpace = 1024 * kMiB;

struct TimedResult {
  CommandResult result;
  double seconds = 0;
};

// Runs `lisan args` with at most `address_space` bytes of virtual memory
// (not in sanitizer builds: their shadow memory needs terabytes of it).
TimedResult run_bounded(const std::vector<std::string>& args, std::uint64_t address_space) {
  std::vector<std::string> argv;
#ifndef LISAN_SANITIZED_BUILD
  argv = {"prlimit", "--as=" + std::to_string(address_space)};
#else
  (void)address_space;
#endif
  argv.push_back(LISAN_BINARY);
  argv.insert(argv.end(), args.begin(), args.end());
  const auto start = std::chrono::steady_clock::now();
  TimedResult timed{run_program(argv), 0};
  timed.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return timed;
}

// ---- Queries, on an index of corpus/ --------------------------------------

class BoundedQuery : public testing::CorpusIndexTest {
 protected:
  // `lisan search` of `query`, split into arguments of at most 100 KB (the
  // kernel's limit for one argument is 128 KiB; the CLI joins them by spaces).
  static TimedResult search(const std::string& query) {
    std::vector<std::string> args = {"search", "--db", db(), "--json", "--"};
    for (std::size_t at = 0; at < query.size(); at += 100000)
      args.push_back(query.substr(at, 100000));
    return run_bounded(args, 512 * kMiB);
  }

  static void expect_refused(const TimedResult& run, const std::string& reason) {
    EXPECT_EQ(run.result.exit_code, 2) << run.result.err.substr(0, 2000);
    EXPECT_TRUE(contains(run.result.err, reason)) << run.result.err.substr(0, 2000);
    // The message quotes the query around the error only, not a megabyte of it.
    EXPECT_LT(run.result.err.size(), 1000u);
    EXPECT_TRUE(run.result.out.empty());
    EXPECT_LT(run.seconds, 60) << "hang detector";
  }
};

std::string words(std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += (i ? " kata" : "kata") + std::to_string(i);
  return out;
}

TEST_F(BoundedQuery, TenThousandWordsAreRefused) {
  expect_refused(search(words(10000)), "too many words (at most 512)");
}

// 10,000 parentheses are refused by the lexer's bound (2,048 lexemes) before
// the parser nests; 65 by the depth bound.
TEST_F(BoundedQuery, TenThousandNestedParenthesesAreRefused) {
  expect_refused(search(std::string(10000, '(') + "kata" + std::string(10000, ')')),
                 "query too complex (more than 2048 words, operators and parentheses)");
  expect_refused(search(std::string(65, '(') + "kata" + std::string(65, ')')),
                 "parentheses nested too deep (at most 64)");
}

TEST_F(BoundedQuery, AMegabyteOfWordsIsRefused) {
  std::string query;
  while (query.size() < kMiB) query += "government ";
  expect_refused(search(query), "too many words (at most 512)");
}

// A megabyte in a few huge "words": within the word limit, so it runs; no
// indexed term is that long, so nothing matches.
TEST_F(BoundedQuery, AMegabyteInElevenLongWordsRunsAndFindsNothing) {
  const TimedResult run = search(std::string(kMiB, 'x'));
  ASSERT_EQ(run.result.exit_code, 0) << run.result.err.substr(0, 2000);
  EXPECT_EQ(Json::parse(run.result.out)["total"], 0);
  EXPECT_LT(run.seconds, 60) << "hang detector";
}

TEST_F(BoundedQuery, APhraseOfAThousandWordsIsRefused) {
  expect_refused(search('"' + words(1000) + '"'), "too many words (at most 512)");
}

TEST_F(BoundedQuery, APhraseWithinTheLimitRuns) {
  const TimedResult run = search('"' + words(500) + '"');
  ASSERT_EQ(run.result.exit_code, 0) << run.result.err.substr(0, 2000);
  EXPECT_EQ(Json::parse(run.result.out)["total"], 0);
  EXPECT_LT(run.seconds, 60) << "hang detector";
}

// ---- Inputs ------------------------------------------------------------------

// A 1 GB file costs no disk: it is sparse (all NUL bytes).
void make_sparse_file(const std::string& path, std::uint64_t size) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::ftruncate(fd, static_cast<off_t>(size)), 0);
  ::close(fd);
}

TEST(BoundedInput, AGigabyteFileIsSkippedAsTooLarge) {
  TempDir dir;
  make_sparse_file(dir / "huge.txt", 1024 * kMiB);
  const TimedResult run = run_bounded({"index", "--db", dir / "db", dir / "huge.txt"}, 512 * kMiB);
  EXPECT_EQ(run.result.exit_code, 0) << run.result.err;
  EXPECT_TRUE(contains(run.result.err,
                       "huge.txt: larger than --max-size (1073741824 > 67108864 "
                       "bytes); skipped"))
      << run.result.err;
  EXPECT_LT(run.seconds, 60) << "hang detector";
}

// Allowed by --max-size, the same file is told binary from its head and
// skipped without being read whole: a 512 MiB address space would not hold it.
TEST(BoundedInput, AGigabyteBinaryFileWithinMaxSizeIsSkippedFromItsHead) {
  TempDir dir;
  make_sparse_file(dir / "disk.img", 1024 * kMiB);
  const TimedResult run = run_bounded(
      {"index", "--db", dir / "db", "--max-size", std::to_string(2048 * kMiB), dir / "disk.img"},
      512 * kMiB);
  EXPECT_EQ(run.result.exit_code, 0) << run.result.err;
  EXPECT_TRUE(contains(run.result.err, "disk.img: binary content")) << run.result.err;
  EXPECT_LT(run.seconds, 60) << "hang detector";
}

TEST(BoundedInput, ASingleLineOf50MegabytesIsIndexed) {
#ifdef LISAN_SANITIZED_BUILD
  GTEST_SKIP() << "minutes under sanitizers; runs in the default preset";
#endif
  TempDir dir;
  {
    std::ofstream out(dir / "line.txt", std::ios::binary);
    const std::string chunk = "pemerintah mengumumkan kebijakan baru untuk kerjasama ekonomi ";
    for (std::uint64_t written = 0; written < 50 * kMiB; written += chunk.size()) out << chunk;
    out << "zanzibarian";  // the last word of the line
  }
  const TimedResult run =
      run_bounded({"index", "--db", dir / "db", dir / "line.txt"}, kLineAddressSpace);
  ASSERT_EQ(run.result.exit_code, 0) << run.result.err;
  EXPECT_TRUE(contains(run.result.err, "indexed: 1 added")) << run.result.err;
  EXPECT_LT(run.seconds, 600) << "hang detector";
  // Below its needs, the same run is refused with a message, not a crash.
  const TimedResult starved =
      run_bounded({"index", "--db", dir / "db2", dir / "line.txt"}, 200 * kMiB);
  EXPECT_EQ(starved.result.exit_code, 1);
  EXPECT_TRUE(contains(starved.result.err, "lisan: out of memory")) << starved.result.err;
  // The search loads the stored 50 MB text, but its title and snippet are short.
  const TimedResult found =
      run_bounded({"search", "--db", dir / "db", "--json", "zanzibarian"}, kLineAddressSpace);
  ASSERT_EQ(found.result.exit_code, 0) << found.result.err;
  const Json out = Json::parse(found.result.out);
  EXPECT_EQ(out["total"], 1);
  EXPECT_LT(found.result.out.size(), 2000u);
  EXPECT_LT(found.seconds, 300) << "hang detector";
}

TEST(BoundedInput, AFolderOfAHundredThousandTinyFilesIsIndexed) {
#ifdef LISAN_SANITIZED_BUILD
  GTEST_SKIP() << "minutes under sanitizers; runs in the default preset";
#endif
  constexpr int kFiles = 100000;
  TempDir dir;
  fs::create_directories(dir / "docs");
  for (int n = 0; n < kFiles; ++n) {
    std::ofstream(dir / ("docs/" + std::to_string(n) + ".txt")) << "note " << n << " kata\n";
  }
  const TimedResult run =
      run_bounded({"index", "--db", dir / "db", dir / "docs"}, kTinyFilesAddressSpace);
  ASSERT_EQ(run.result.exit_code, 0) << run.result.err;
  EXPECT_TRUE(contains(run.result.err,
                       "indexed: 100000 added, 0 replaced, 0 unchanged, 0 removed, "
                       "0 skipped"))
      << run.result.err;
  EXPECT_LT(run.seconds, 900) << "hang detector";
  const CommandResult found =
      run_program({LISAN_BINARY, "search", "--db", dir / "db", "--json", "kata"});
  ASSERT_EQ(found.exit_code, 0) << found.err;
  EXPECT_EQ(Json::parse(found.out)["total"], kFiles);
}

}  // namespace
}  // namespace lisan
