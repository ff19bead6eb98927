// End-to-end: what `lisan index` does with symbolic links (out of the folder:
// skipped unless --follow-symlinks; within it: never indexed twice; loops
// end) and with file names holding newlines, quotes, escape sequences and
// bytes that are not UTF-8 (indexed; shown as one escaped line on a
// terminal, as valid JSON strings in --json).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "support/run_command.h"

namespace lisan {
namespace {

using testing::contains;
using testing::run_lisan;
using testing::TempDir;
using testing::write_file;
using Json = nlohmann::json;
namespace fs = std::filesystem;

// Ids of `lisan search --json` for `query` (without translations).
std::multiset<std::string> found_ids(const std::string& db, const std::string& query) {
  const auto result = run_lisan({"search", "--db", db, "--json", "--no-translate", query});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::multiset<std::string> ids;
  const Json out = Json::parse(result.out);  // a temporary would die before the loop
  for (const Json& hit : out["results"]) {
    ids.insert(hit["id"].get<std::string>());
  }
  return ids;
}

// A line of `text` that starts with `prefix`: what a forged line would be.
bool has_line_starting_with(const std::string& text, const std::string& prefix) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(prefix)) return true;
  }
  return false;
}

// docs/ holds its own file and links to a folder and a file outside it.
struct LinkedOutside {
  TempDir dir;
  std::string docs = dir / "docs";
  LinkedOutside() {
    write_file(dir / "outside/secret.txt", "Secret\nthe zanzibarian ledger of outside");
    write_file(docs + "/own.txt", "Own\nthe zanzibarian ledger of inside");
    fs::create_symlink(dir / "outside", docs + "/out");
    fs::create_symlink(dir / "outside/secret.txt", docs + "/out-file.txt");
  }
};

TEST(PathSafety, LinksOutOfTheFolderAreSkippedByDefault) {
  LinkedOutside tree;
  const auto result = run_lisan({"index", "--db", tree.dir / "db", tree.docs});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.err, tree.docs + "/out: symbolic link out of the folder, "
                                               "not followed (--follow-symlinks follows it)"))
      << result.err;
  EXPECT_TRUE(contains(result.err, tree.docs + "/out-file.txt: symbolic link out of the folder"))
      << result.err;
  EXPECT_EQ(found_ids(tree.dir / "db", "zanzibarian"), std::multiset<std::string>{"own.txt"});
}

// Every shard walks the folder; the link is reported once, not once a shard.
TEST(PathSafety, AShardedIndexReportsASkippedLinkOnce) {
  LinkedOutside tree;
  const auto result = run_lisan({"index", "--db", tree.dir / "db", "--shards", "3", tree.docs});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  const std::string message = tree.docs + "/out: symbolic link out of the folder";
  const std::size_t first = result.err.find(message);
  ASSERT_NE(first, std::string::npos) << result.err;
  EXPECT_EQ(result.err.find(message, first + 1), std::string::npos) << result.err;
}

TEST(PathSafety, FollowSymlinksReadsEachTargetOutOfTheFolderOnce) {
  LinkedOutside tree;
  const auto result = run_lisan({"index", "--db", tree.dir / "db", "--follow-symlinks", tree.docs});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  // out/ comes first (sorted), so the link to the same file is the second way in.
  EXPECT_EQ(found_ids(tree.dir / "db", "zanzibarian"),
            (std::multiset<std::string>{"own.txt", "out/secret.txt"}));
  EXPECT_TRUE(contains(result.err, "out-file.txt: reached already through another symbolic link"))
      << result.err;
}

TEST(PathSafety, LinksWithinTheFolderAreNeverIndexedTwice) {
  TempDir dir;
  const std::string docs = dir / "docs";
  write_file(docs + "/a.txt", "Alpha\nthe quixotical alpha file");
  write_file(docs + "/sub/b.txt", "Beta\nthe quixotical beta file");
  fs::create_symlink("a.txt", docs + "/alias.txt");
  fs::create_symlink("sub", docs + "/sub-link");
  for (const bool follow : {false, true}) {
    SCOPED_TRACE(follow ? "--follow-symlinks" : "default");
    const std::string db = dir / (follow ? "db-follow" : "db");
    std::vector<std::string> args = {"index", "--db", db, docs};
    if (follow) args.insert(args.begin() + 1, "--follow-symlinks");
    const auto result = run_lisan(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(contains(result.err, docs + "/alias.txt: symbolic link within the folder"))
        << result.err;
    EXPECT_TRUE(contains(result.err, docs + "/sub-link: symbolic link within the folder"))
        << result.err;
    EXPECT_EQ(found_ids(db, "quixotical"), (std::multiset<std::string>{"a.txt", "sub/b.txt"}));
  }
}

// Hard links are one file under several names: indexed once, under the
// first name in sorted order, the others reported; the same on a re-run and
// in a sharded index.
TEST(PathSafety, HardLinksAreOneDocument) {
  TempDir dir;
  const std::string docs = dir / "docs";
  write_file(docs + "/a.txt", "Alpha\nthe quixotical linked file");
  write_file(docs + "/c.txt", "Gamma\nthe quixotical single file");
  fs::create_hard_link(docs + "/a.txt", docs + "/b.txt");
  fs::create_directories(docs + "/sub");
  fs::create_hard_link(docs + "/a.txt", docs + "/sub/z.txt");
  const std::string db = dir / "db";
  const auto first = run_lisan({"index", "--db", db, docs});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_TRUE(contains(first.err, docs + "/b.txt: hard link to a.txt, indexed already; skipped"))
      << first.err;
  EXPECT_TRUE(contains(first.err, docs + "/sub/z.txt: hard link to a.txt")) << first.err;
  EXPECT_TRUE(contains(first.err, "2 hard link to a file indexed already")) << first.err;
  EXPECT_EQ(found_ids(db, "quixotical"), (std::multiset<std::string>{"a.txt", "c.txt"}));

  const auto again = run_lisan({"index", "--db", db, "--prune", docs});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(contains(again.out + again.err, "0 added")) << again.out << again.err;
  EXPECT_EQ(found_ids(db, "quixotical"), (std::multiset<std::string>{"a.txt", "c.txt"}));

  const std::string sharded = dir / "sharded";
  const auto shards = run_lisan({"index", "--db", sharded, "--shards", "2", docs});
  ASSERT_EQ(shards.exit_code, 0) << shards.err;
  EXPECT_EQ(found_ids(sharded, "quixotical"), (std::multiset<std::string>{"a.txt", "c.txt"}));
}

TEST(PathSafety, FollowedLinkToAnAncestorIsALoopThatEnds) {
  TempDir dir;
  const std::string docs = dir / "top/docs";
  write_file(docs + "/a.txt", "Alpha\nthe quixotical alpha file");
  write_file(dir / "top/beside.txt", "Beside\nthe quixotical file beside");
  fs::create_symlink("..", docs + "/up");
  fs::create_symlink(dir / "top", docs + "/top-link");
  const auto result = run_lisan({"index", "--db", dir / "db", "--follow-symlinks", docs});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.err, docs + "/up: symbolic link to a folder that holds the indexed "
                                          "folder (a loop)"))
      << result.err;
  EXPECT_TRUE(contains(result.err, docs + "/top-link: symbolic link to a folder that holds"))
      << result.err;
  EXPECT_EQ(found_ids(dir / "db", "quixotical"), std::multiset<std::string>{"a.txt"});
}

TEST(PathSafety, StrangeFileNamesAreIndexedAndShownSafely) {
  TempDir dir;
  const std::string docs = dir / "docs";
  const std::string newline = "line\nlisan: forged.txt";
  const std::string quotes = "quote\"s 'name'.txt";
  const std::string escape = "esc\x1b[31mred.txt";
  const std::string bad_byte =
      "bad\xFF"
      "byte.txt";
  // U+202E (right-to-left override) would show "report\u202Etxt.exe" as "reportexe.txt".
  const std::string bidi_override = "report\u202Etxt.exe";
  for (const std::string& name : {newline, quotes, escape, bad_byte, bidi_override}) {
    write_file(docs + "/" + name, "Strange\nthe quixotical strange name");
  }
  write_file(docs + "/empty\nlisan: forged too.txt", "");
  write_file(docs + "/empty\xFE.txt", "");
  const auto indexed = run_lisan({"index", "--db", dir / "db", docs});
  EXPECT_EQ(indexed.exit_code, 0) << indexed.err;
  EXPECT_TRUE(contains(indexed.err, "indexed: 5 added")) << indexed.err;
  // A problem with such a file is one line, its name escaped.
  EXPECT_TRUE(contains(indexed.err, docs + "/empty\\nlisan: forged too.txt: empty")) << indexed.err;
  EXPECT_TRUE(contains(indexed.err, docs + "/empty\\xFE.txt: empty")) << indexed.err;
  EXPECT_FALSE(has_line_starting_with(indexed.err, "lisan: forged")) << indexed.err;

  // JSON: valid UTF-8 strings; the names that are UTF-8 come back exactly,
  // the bad byte as U+FFFD (ids are stored repaired).
  EXPECT_EQ(found_ids(dir / "db", "quixotical"),
            (std::multiset<std::string>{newline, quotes, escape, bidi_override,
                                        "bad\xEF\xBF\xBD"
                                        "byte.txt"}));

  // Terminal text: one line per name, no escape sequence from a name.
  const auto shown = run_lisan({"search", "--db", dir / "db", "--no-translate", "quixotical"});
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_TRUE(contains(shown.out, "line\\nlisan: forged.txt")) << shown.out;
  EXPECT_TRUE(contains(shown.out, "esc\\x1B[31mred.txt")) << shown.out;
  EXPECT_TRUE(contains(shown.out,
                       "bad\xEF\xBF\xBD"
                       "byte.txt"))
      << shown.out;
  EXPECT_TRUE(contains(shown.out, quotes)) << shown.out;
  EXPECT_TRUE(contains(shown.out, "report\\u{202E}txt.exe")) << shown.out;
  EXPECT_FALSE(contains(shown.out, "\x1b")) << shown.out;
  EXPECT_FALSE(contains(shown.out, "\u202E")) << shown.out;
  EXPECT_FALSE(has_line_starting_with(shown.out, "lisan: forged")) << shown.out;
}

}  // namespace
}  // namespace lisan
