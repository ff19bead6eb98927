// `lisan index --jobs N`: a new index loaded on N threads (one shard each,
// merged at the end) must be the index one writer makes, and bad values of
// the new options are usage errors.
#include <gtest/gtest.h>

#include <string>

#include "support/index_snapshot.h"
#include "support/run_command.h"

namespace lisan {
namespace {

using testing::run_lisan;
using testing::snapshot_index;
using testing::TempDir;

TEST(IndexJobs, TwoJobsWriteTheIndexOneWriterWrites) {
  TempDir dir;
  const auto shards = run_lisan(
      {"index", "--jobs", "2", "--memory", "64", "--db", dir / "shards", LISAN_CORPUS_DIR});
  ASSERT_EQ(shards.exit_code, 0) << shards.err;
  EXPECT_NE(shards.err.find("5 added"), std::string::npos) << shards.err;
  // --batch selects the one-thread writer with its batch commits.
  const auto one = run_lisan({"index", "--batch", "100", "--db", dir / "one", LISAN_CORPUS_DIR});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(snapshot_index(dir / "shards"), snapshot_index(dir / "one"));

  const auto found = run_lisan({"search", "--db", dir / "shards", "--json", "Tokayev"});
  ASSERT_EQ(found.exit_code, 0) << found.err;
  EXPECT_NE(found.out.find("\"results\":[{"), std::string::npos) << found.out;
}

TEST(IndexJobs, BadJobsOrMemoryIsAUsageError) {
  TempDir dir;
  for (const std::vector<std::string>& bad :
       {std::vector<std::string>{"--jobs", "0"}, {"--jobs", "many"}, {"--memory", "1"}}) {
    std::vector<std::string> args = {"index", "--db", dir / "db"};
    args.insert(args.end(), bad.begin(), bad.end());
    args.push_back(LISAN_CORPUS_DIR);
    const auto result = run_lisan(args);
    EXPECT_EQ(result.exit_code, 2) << bad[0] << ' ' << bad[1] << ": " << result.err;
  }
}

}  // namespace
}  // namespace lisan
