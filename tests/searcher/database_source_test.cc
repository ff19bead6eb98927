// Which sources a Searcher may read posting list by posting list.
#include "database_source.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "lisan/indexer/indexer.h"
#include "support/run_command.h"

namespace lisan::internal {
namespace {

using testing::TempDir;
using testing::write_file;

TEST(DatabaseSource, LocalFoldersAndStubsOfLocalDatabasesAreLocal) {
  TempDir dir;
  {
    Indexer indexer(dir / "db");
    indexer.add_document(
        {.id = "a", .text = "river", .title = "", .url = "", .language = {}, .fields = {}});
    indexer.finish();
  }
  EXPECT_TRUE(is_local_source(dir / "db"));
  write_file(dir / "local.stub", "# two shards\nauto db\n\nglass db\n");
  EXPECT_TRUE(is_local_source(dir / "local.stub"));
  std::filesystem::create_directory(dir / "sharded");
  write_file(dir / "sharded/XAPIANDB", "auto ../db\n");
  EXPECT_TRUE(is_local_source(dir / "sharded"));
}

TEST(DatabaseSource, RemoteShardsAndAnythingElseAreNot) {
  TempDir dir;
  EXPECT_FALSE(is_local_source("tcp://127.0.0.1:7000"));
  write_file(dir / "mixed.stub", "auto db\nremote 10.0.0.2:7000\n");
  EXPECT_FALSE(is_local_source(dir / "mixed.stub"));
  write_file(dir / "empty.stub", "");
  EXPECT_FALSE(is_local_source(dir / "empty.stub"));
  EXPECT_FALSE(is_local_source(dir / "missing"));
  std::filesystem::create_directory(dir / "plain");
  EXPECT_FALSE(is_local_source(dir / "plain"));
}

}  // namespace
}  // namespace lisan::internal
