// End-to-end: indexes that lisan must refuse — of another schema or analyzer
// version, damaged, not an index at all — give a clear error naming the
// index (and xapian-check for damage), exit status 1, and never a crash.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

#include "lisan/format/schema.h"
#include "support/run_command.h"

namespace lisan {
namespace {

using testing::contains;
using testing::run_lisan;
using testing::TempDir;
using testing::write_file;
namespace fs = std::filesystem;

// The three commands that open an index, each run on `db`.
std::vector<testing::CommandResult> open_with_every_command(const std::string& db) {
  return {run_lisan({"search", "--db", db, "kazakhstan"}), run_lisan({"info", "--db", db}),
          run_lisan({"index", "--db", db, LISAN_CORPUS_DIR})};
}

void index_corpus(const std::string& db) {
  const auto result = run_lisan({"index", "--db", db, LISAN_CORPUS_DIR});
  ASSERT_EQ(result.exit_code, 0) << result.err;
}

void set_metadata(const std::string& db, std::string_view key, const std::string& value) {
  Xapian::WritableDatabase writable(db, Xapian::DB_OPEN);
  writable.set_metadata(std::string(key), value);
  writable.commit();
}

TEST(IndexVersions, UnsupportedSchemaVersionIsRefusedByEveryCommand) {
  TempDir dir;
  index_corpus(dir / "db");
  set_metadata(dir / "db", schema::kSchemaVersionKey, "99");
  for (const auto& result : open_with_every_command(dir / "db")) {
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_TRUE(contains(result.err, "index " + (dir / "db") + " has schema version 99"))
        << result.err;
    EXPECT_TRUE(contains(result.err, "rebuild the index")) << result.err;
  }
}

TEST(IndexVersions, OtherAnalyzerVersionIsRefusedByEveryCommand) {
  TempDir dir;
  index_corpus(dir / "db");
  set_metadata(dir / "db", schema::kAnalyzerVersionKey, "12345");
  for (const auto& result : open_with_every_command(dir / "db")) {
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_TRUE(contains(result.err, "version 12345")) << result.err;
    EXPECT_TRUE(contains(result.err, dir / "db")) << result.err;
  }
}

// True when `text` holds a byte a terminal acts on: a control character
// other than the newline that ends it.
bool has_control_bytes(std::string_view text) {
  if (text.ends_with('\n')) text.remove_suffix(1);
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7F;
  });
}

// Metadata is whatever the index file holds: a damaged or hostile index must
// not retitle the terminal (OSC) or forge a line of lisan's own output.
TEST(IndexVersions, MetadataInMessagesIsEscapedForTheTerminal) {
  TempDir dir;
  index_corpus(dir / "db");
  set_metadata(dir / "db", schema::kAnalyzerNameKey,
               "evil\x1b]0;owned\x07\nlisan: forged line\r" + std::string(5000, 'x'));
  for (const auto& result : open_with_every_command(dir / "db")) {
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_FALSE(has_control_bytes(result.err)) << result.err;
    EXPECT_TRUE(contains(result.err, R"(evil\x1B]0;owned\x07\nlisan: forged line\r)"))
        << result.err;
    EXPECT_LT(result.err.size(), 1000u) << "a huge value is cut: " << result.err;
  }
}

TEST(IndexVersions, InfoShowsMetadataEscaped) {
  TempDir dir;
  index_corpus(dir / "db");
  set_metadata(dir / "db", schema::kCreatedKey, "2026\x1b[2J\nforged: line");
  {
    // A language term longer than the column it is aligned in.
    Xapian::WritableDatabase writable(dir / "db", Xapian::DB_OPEN);
    Xapian::Document document = writable.get_document(1);
    document.add_boolean_term(std::string(schema::kLanguagePrefix) + "a-long-language\x1b[31m");
    writable.replace_document(1, document);
    writable.commit();
  }
  const auto info = run_lisan({"info", "--db", dir / "db"});
  EXPECT_EQ(info.exit_code, 0) << info.err;
  EXPECT_TRUE(contains(info.out, R"(created:        2026\x1B[2J\nforged: line)")) << info.out;
  EXPECT_TRUE(contains(info.out, R"(  a-long-language\x1B[31m: 1)")) << info.out;
  EXPECT_EQ(std::count(info.out.begin(), info.out.end(), '\x1b'), 0) << info.out;
}

TEST(DamagedIndex, TruncatedTableFilesGiveAClearErrorSuggestingXapianCheck) {
  TempDir dir;
  index_corpus(dir / "good");
  for (const char* table : {"postlist.glass", "termlist.glass", "docdata.glass"}) {
    const std::string db = dir / (std::string("cut-") + table);
    fs::copy(dir / "good", db);
    fs::resize_file(db + "/" + table, 100);
    for (const auto& result : open_with_every_command(db)) {
      EXPECT_EQ(result.exit_code, 1) << table << ": " << result.err;
      EXPECT_TRUE(contains(result.err, "index " + db)) << result.err;
      EXPECT_TRUE(contains(result.err, "xapian-check " + db)) << result.err;
    }
  }
}

// Xapian creates docdata and termlist lazily and opens a database without
// them as if they were empty, and xapian-check passes it: a lost file gave
// hits without ids, titles or text, and exit 0.
TEST(DamagedIndex, MissingTableFileIsAnIncompleteIndex) {
  TempDir dir;
  index_corpus(dir / "good");
  for (const char* table : {"docdata.glass", "termlist.glass", "postlist.glass"}) {
    const std::string db = dir / (std::string("without-") + table);
    fs::copy(dir / "good", db);
    fs::remove(db + "/" + table);
    for (const auto& result :
         {run_lisan({"search", "--db", db, "kazakhstan"}), run_lisan({"info", "--db", db})}) {
      EXPECT_EQ(result.exit_code, 1) << table << ": " << result.err;
      EXPECT_TRUE(contains(result.err, "index " + db + " is incomplete (" + table + " is missing"))
          << result.err;
      EXPECT_TRUE(result.out.empty()) << result.out;
    }
  }
}

TEST(DamagedIndex, ShardMissingATableFileIsNamed) {
  TempDir dir;
  const auto index = run_lisan({"index", "--db", dir / "db", "--shards", "2", LISAN_CORPUS_DIR});
  ASSERT_EQ(index.exit_code, 0) << index.err;
  fs::remove(dir / "db/shard-1/docdata.glass");
  const auto result = run_lisan({"search", "--db", dir / "db", "kazakhstan"});
  EXPECT_EQ(result.exit_code, 1) << result.out;
  EXPECT_TRUE(contains(
      result.err, "index " + (dir / "db/shard-1") + " is incomplete (docdata.glass is missing"))
      << result.err;
}

// Without documents there is nothing to lose: a new index has no docdata.
TEST(DamagedIndex, AnIndexWithoutDocumentsNeedsNoDocdata) {
  TempDir dir;
  Xapian::WritableDatabase(dir / "db", Xapian::DB_CREATE).commit();
  ASSERT_FALSE(fs::exists(dir / "db/docdata.glass"));
  EXPECT_EQ(run_lisan({"search", "--db", dir / "db", "kazakhstan"}).exit_code, 0);
  EXPECT_EQ(run_lisan({"info", "--db", dir / "db"}).exit_code, 0);
}

TEST(DamagedIndex, OverwrittenTableFilesNeverCrash) {
  TempDir dir;
  index_corpus(dir / "good");
  std::mt19937 random(42);
  for (const char* table : {"postlist.glass", "termlist.glass", "docdata.glass", "iamglass"}) {
    const std::string db = dir / (std::string("garbage-") + table);
    fs::copy(dir / "good", db);
    const std::string path = db + "/" + table;
    std::string garbage(fs::file_size(path), '\0');
    for (char& c : garbage) c = static_cast<char>(random());
    write_file(path, garbage);
    for (const auto& result : open_with_every_command(db)) {
      // Garbage in a block the current revision does not read may go
      // unnoticed (exit 0); otherwise the error is clear. Never a signal.
      ASSERT_TRUE(result.exit_code == 0 || result.exit_code == 1)
          << table << ": exit " << result.exit_code << ": " << result.err;
      if (result.exit_code == 1) {
        EXPECT_TRUE(contains(result.err, db)) << result.err;
        EXPECT_TRUE(contains(result.err, "xapian-check " + db)) << result.err;
      }
    }
  }
}

TEST(DamagedIndex, FolderOfOtherFilesIsNotAnIndexAndIsNotWrittenInto) {
  TempDir dir;
  write_file(dir / "notes/todo.txt", "buy milk");
  for (const auto& result : open_with_every_command(dir / "notes")) {
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_TRUE(contains(result.err, "folder " + (dir / "notes") + " is not an index"))
        << result.err;
  }
  EXPECT_FALSE(fs::exists(dir / "notes/iamglass")) << "no index written among the files";
}

TEST(DamagedIndex, IndexFolderWithAStrayFileIsRefusedForWriting) {
  TempDir dir;
  index_corpus(dir / "db");
  write_file(dir / "db/stray.txt", "left here by mistake");
  const auto result = run_lisan({"index", "--db", dir / "db", LISAN_CORPUS_DIR});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, "holds stray.txt")) << result.err;
  EXPECT_EQ(run_lisan({"search", "--db", dir / "db", "Tokayev"}).exit_code, 0)
      << "reading is harmless and still works";
}

// What `kill -9` during Xapian's creation of a database leaves: lisan's
// marker, empty tables and the version file still under its temporary name.
// Without the marker the same files are not lisan's to remove.
void write_interrupted_creation(const std::string& db, bool marked = true) {
  for (const char* name : {"flintlock", "postlist.glass", "termlist.glass"}) {
    write_file(db + "/" + name, "");
  }
  write_file(db + "/v.tmp", std::string(77, '\x01'));
  if (marked) write_file(db + "/lisan-creating", "");
}

TEST(DamagedIndex, AFolderLikeAnInterruptedCreationButNotLisansIsLeftAlone) {
  TempDir dir;
  write_interrupted_creation(dir / "db", false);
  const auto index = run_lisan({"index", "--db", dir / "db", LISAN_CORPUS_DIR});
  EXPECT_EQ(index.exit_code, 1);
  EXPECT_TRUE(contains(index.err, "is damaged: its version file (iamglass) is missing"))
      << index.err;
  EXPECT_TRUE(fs::exists(dir / "db/v.tmp"));
  EXPECT_TRUE(fs::exists(dir / "db/postlist.glass"));
}

TEST(DamagedIndex, InterruptedCreationIsExplainedAndARerunCreatesTheIndex) {
  TempDir dir;
  write_interrupted_creation(dir / "db");
  const auto info = run_lisan({"info", "--db", dir / "db"});
  EXPECT_EQ(info.exit_code, 1);
  EXPECT_TRUE(contains(info.err, "was never completely created")) << info.err;
  const auto index = run_lisan({"index", "--db", dir / "db", LISAN_CORPUS_DIR});
  ASSERT_EQ(index.exit_code, 0) << index.err;
  EXPECT_EQ(Xapian::Database(dir / "db").get_doccount(), 5u);
  EXPECT_FALSE(fs::exists(dir / "db/v.tmp"));
}

TEST(DamagedIndex, InterruptedCreationIsLeftAloneWhileAnotherWriterHoldsTheLock) {
  TempDir dir;
  write_interrupted_creation(dir / "db");
  const int fd = ::open((dir / "db/flintlock").c_str(), O_RDWR);
  ASSERT_GE(fd, 0);
  struct flock lock {};
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  ASSERT_EQ(::fcntl(fd, F_OFD_SETLK, &lock), 0);
  const auto index = run_lisan({"index", "--db", dir / "db", LISAN_CORPUS_DIR});
  ::close(fd);
  EXPECT_EQ(index.exit_code, 1);
  EXPECT_TRUE(contains(index.err, "is locked by another process")) << index.err;
  EXPECT_TRUE(fs::exists(dir / "db/v.tmp")) << "another writer's files are not touched";
}

TEST(DamagedIndex, AnEmptyIndexPathIsAUsageErrorThatSaysSo) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"search", "--db", "", "kazakhstan"}, {"info", "--db", ""}, {"index", "--db", "", "x"}}) {
    const auto result = run_lisan(args);
    EXPECT_EQ(result.exit_code, 2) << args[0] << ": " << result.err;
    EXPECT_TRUE(contains(result.err, "the index path must not be empty")) << result.err;
  }
}

TEST(DamagedIndex, PathThatIsAFileIsRefused) {
  TempDir dir;
  write_file(dir / "file", "not an index");
  for (const auto& result : open_with_every_command(dir / "file")) {
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_TRUE(contains(result.err, dir / "file")) << result.err;
    EXPECT_TRUE(contains(result.err, "not an index folder")) << result.err;
  }
  EXPECT_EQ(testing::read_file(dir / "file"), "not an index");
}

}  // namespace
}  // namespace lisan
