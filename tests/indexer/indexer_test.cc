// The indexer through its library API, checked by reading the Xapian
// database it writes.
#include "lisan/indexer/indexer.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <utime.h>
#include <xapian.h>

#include <filesystem>

#include "document_builder.h"
#include "lisan/analyzers/error.h"
#include "lisan/format/index_error.h"
#include "lisan/format/schema.h"
#include "lisan/format/stored_document.h"
#include "lisan/indexer/shards.h"
#include "support/run_command.h"

namespace lisan {
namespace {

using testing::TempDir;
using testing::write_file;

struct IndexRun {
  IndexReport report;
  std::vector<IndexProblem> problems;
};

IndexRun index_paths(const std::string& db, const std::vector<std::string>& paths,
                     IndexOptions options = {}) {
  IndexRun run;
  Indexer indexer(db, options);
  indexer.on_problem([&](const IndexProblem& p) { run.problems.push_back(p); });
  for (const std::string& path : paths) indexer.add_path(path);
  run.report = indexer.finish();
  return run;
}

// Every (document id → its terms) of the index, to compare whole states.
std::map<std::string, std::vector<std::string>> snapshot(const std::string& db_path) {
  Xapian::Database db(db_path);
  std::map<std::string, std::vector<std::string>> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    std::vector<std::string> terms(doc.termlist_begin(), doc.termlist_end());
    out[parse_document_data(doc.get_data()).id] = terms;
  }
  return out;
}

void set_mtime(const std::string& path, std::time_t when) {
  struct utimbuf times {
    when, when
  };
  ASSERT_EQ(utime(path.c_str(), &times), 0);
}

TEST(Indexer, WritesTheSchemaForEachDocument) {
  TempDir dir;
  write_file(dir / "docs/a.txt",
             "Perjanjian Bilateral\nKazakhstan dan Israel menandatangani "
             "perjanjian.\nhttps://example.com/a\n");
  write_file(dir / "docs/sub/b.txt", "الصِّرَاطَ المستقيم\nوالحكومة تعلن");
  const IndexRun run = index_paths(dir / "db", {dir / "docs"});
  EXPECT_EQ(run.report.added, 2u);
  EXPECT_EQ(run.report.languages.at("id"), 1u);
  EXPECT_EQ(run.report.languages.at("ar"), 1u);

  Xapian::Database db(dir / "db");
  EXPECT_EQ(db.get_doccount(), 2u);
  EXPECT_EQ(db.get_termfreq("Qa.txt"), 1u) << "id is the path relative to the folder";
  EXPECT_EQ(db.get_termfreq("Qsub/b.txt"), 1u);
  EXPECT_EQ(db.get_termfreq("Lid"), 1u);
  EXPECT_EQ(db.get_termfreq("Lar"), 1u);
  EXPECT_EQ(db.get_termfreq("perjanjian"), 1u);
  EXPECT_EQ(db.get_termfreq("ZIjanji"), 1u) << "Indonesian stem, language-tagged";
  EXPECT_EQ(db.get_termfreq("الصراط"), 1u) << "unstemmed Arabic term without harakat";
  EXPECT_EQ(db.get_termfreq("ZAحكوم"), 1u);
  EXPECT_EQ(db.get_termfreq("Sbilateral"), 1u) << "title term";
  EXPECT_EQ(db.get_termfreq("example"), 0u) << "the trailing URL is not body text";
  EXPECT_EQ(db.get_metadata(std::string(schema::kSchemaVersionKey)),
            std::to_string(schema::kSchemaVersion));

  const Xapian::Document doc = db.get_document(*db.postlist_begin("Qa.txt"));
  const StoredDocument stored = parse_document_data(doc.get_data());
  EXPECT_EQ(stored.title, "Perjanjian Bilateral");
  EXPECT_EQ(stored.url, "https://example.com/a");
  EXPECT_EQ(stored.lang, "id");
  EXPECT_TRUE(stored.text.find("menandatangani") != std::string::npos);
  // Positions of the unstemmed terms make phrase search possible.
  auto pos = db.positionlist_begin(*db.postlist_begin("Qa.txt"), "kazakhstan");
  EXPECT_NE(pos, db.positionlist_end(*db.postlist_begin("Qa.txt"), "kazakhstan"));
}

TEST(Indexer, ReindexingUnchangedInputChangesNothing) {
  TempDir dir;
  write_file(dir / "docs/a.txt", "Alpha\nfirst document text");
  write_file(dir / "docs/b.txt", "Beta\nsecond document text");
  index_paths(dir / "db", {dir / "docs"});
  const auto before = snapshot(dir / "db");
  const IndexRun again = index_paths(dir / "db", {dir / "docs"});
  EXPECT_EQ(again.report.unchanged, 2u);
  EXPECT_EQ(again.report.added + again.report.replaced, 0u);
  EXPECT_EQ(snapshot(dir / "db"), before);

  // Touched but not changed: caught by the content hash.
  set_mtime(dir / "docs/a.txt", 1'000'000'000);
  const IndexRun touched = index_paths(dir / "db", {dir / "docs"});
  EXPECT_EQ(touched.report.unchanged, 2u);
  EXPECT_EQ(snapshot(dir / "db"), before);
}

TEST(Indexer, ChangedFileReplacesItsDocument) {
  TempDir dir;
  write_file(dir / "docs/a.txt", "Alpha\nold words here");
  index_paths(dir / "db", {dir / "docs"});
  write_file(dir / "docs/a.txt", "Alpha\nnew wording entirely, longer than before");
  set_mtime(dir / "docs/a.txt", 2'000'000'000);
  const IndexRun run = index_paths(dir / "db", {dir / "docs"});
  EXPECT_EQ(run.report.replaced, 1u);
  Xapian::Database db(dir / "db");
  EXPECT_EQ(db.get_doccount(), 1u);
  EXPECT_EQ(db.get_termfreq("old"), 0u);
  EXPECT_EQ(db.get_termfreq("wording"), 1u);
}

TEST(Indexer, PruneRemovesDocumentsWhoseFilesAreGone) {
  TempDir dir;
  write_file(dir / "docs/a.txt", "Alpha\ntext one");
  write_file(dir / "docs/b.txt", "Beta\ntext two");
  index_paths(dir / "db", {dir / "docs"});
  std::filesystem::remove(dir / "docs/b.txt");
  const IndexRun without_prune = index_paths(dir / "db", {dir / "docs"});
  EXPECT_EQ(without_prune.report.removed, 0u);
  EXPECT_EQ(Xapian::Database(dir / "db").get_doccount(), 2u);
  IndexOptions prune;
  prune.prune = true;
  const IndexRun with_prune = index_paths(dir / "db", {dir / "docs"}, prune);
  EXPECT_EQ(with_prune.report.removed, 1u);
  Xapian::Database db(dir / "db");
  EXPECT_EQ(db.get_doccount(), 1u);
  EXPECT_EQ(db.get_termfreq("Qb.txt"), 0u);
}

TEST(Indexer, BadFilesAreSkippedWithAReasonAndTheRestIsIndexed) {
  TempDir dir;
  write_file(dir / "docs/good.txt", "Good\nreal words");
  write_file(dir / "docs/empty.txt", "");
  write_file(dir / "docs/blank.txt", "  \n\t\n");
  write_file(dir / "docs/binary.bin", std::string("PK\x03\x04\0\0\x01", 7));
  write_file(dir / "docs/broken.txt", "Broken\nbad \xFF byte but still text");
  write_file(dir / "docs/big.txt", std::string(2000, 'a'));
  std::filesystem::create_symlink(dir / "docs/nowhere", dir / "docs/dangling.txt");
  IndexOptions options;
  options.max_file_bytes = 1000;
  const IndexRun run = index_paths(dir / "db", {dir / "docs"}, options);
  EXPECT_EQ(run.report.added, 2u) << "good.txt and the repaired broken.txt";
  EXPECT_EQ(run.report.repaired_utf8, 1u);
  EXPECT_EQ(run.report.skipped.at(SkipReason::kEmpty), 2u);
  EXPECT_EQ(run.report.skipped.at(SkipReason::kBinary), 1u);
  EXPECT_EQ(run.report.skipped.at(SkipReason::kTooLarge), 1u);
  EXPECT_EQ(run.report.skipped.at(SkipReason::kSymlinkLoop), 1u);
  for (const IndexProblem& p : run.problems) EXPECT_FALSE(p.source.empty()) << p.message;
  Xapian::Database db(dir / "db");
  EXPECT_EQ(db.get_termfreq("byte"), 1u);
}

// IndexOptions::follow_symlinks: off, a folder's link out of it is skipped
// and nothing outside is read; on, the target is indexed under the link's name.
TEST(Indexer, FollowSymlinksIsAnOptInForLinksOutOfTheFolder) {
  TempDir dir;
  write_file(dir / "outside/far.txt", "Far\nwords from outside");
  write_file(dir / "docs/near.txt", "Near\nwords from inside");
  std::filesystem::create_symlink(dir / "outside", dir / "docs/link");
  const IndexRun plain = index_paths(dir / "db", {dir / "docs"});
  EXPECT_EQ(plain.report.added, 1u);
  EXPECT_EQ(plain.report.skipped.at(SkipReason::kSymlinkLoop), 1u);
  EXPECT_EQ(Xapian::Database(dir / "db").get_termfreq("Qlink/far.txt"), 0u);
  IndexOptions follow;
  follow.follow_symlinks = true;
  const IndexRun followed = index_paths(dir / "db-follow", {dir / "docs"}, follow);
  EXPECT_EQ(followed.report.added, 2u);
  EXPECT_EQ(followed.report.skipped_total(), 0u);
  EXPECT_EQ(Xapian::Database(dir / "db-follow").get_termfreq("Qlink/far.txt"), 1u);
}

// A short text with a few bad bytes is repaired and indexed, not skipped as binary.
TEST(Indexer, AShortFileWithAFewBadBytesIsRepairedNotSkipped) {
  TempDir dir;
  write_file(dir / "docs/note.txt", "un caf\xE9, cr\xE8me br\xFBl.");
  const IndexRun run = index_paths(dir / "db", {dir / "docs"});
  EXPECT_EQ(run.report.added, 1u);
  EXPECT_EQ(run.report.repaired_utf8, 1u);
  EXPECT_EQ(run.report.skipped_total(), 0u);
}

TEST(Indexer, JsonlReplacesById) {
  TempDir dir;
  write_file(dir / "a.jsonl", R"({"id": "x", "text": "first version", "lang": "en"})"
                              "\n");
  index_paths(dir / "db", {dir / "a.jsonl"});
  write_file(dir / "b.jsonl", R"({"id": "x", "text": "second version", "lang": "en"})"
                              "\n");
  const IndexRun run = index_paths(dir / "db", {dir / "b.jsonl"});
  EXPECT_EQ(run.report.replaced, 1u);
  Xapian::Database db(dir / "db");
  EXPECT_EQ(db.get_doccount(), 1u);
  EXPECT_EQ(db.get_termfreq("second"), 1u);
  EXPECT_EQ(db.get_termfreq("first"), 0u);
}

// Updates to an index commit every 2 MB of text by default (Xapian's writer
// is fastest with small batches); a bound in documents alone is one batch.
TEST(Indexer, UpdatesCommitEveryFewMegabytesOfText) {
  TempDir dir;
  const std::string db = dir / "db";
  index_paths(db, {LISAN_CORPUS_DIR});  // a non-empty index: the update path
  std::string text;
  while (text.size() < 200'000) text += "the river flows past the old town and the hills. ";
  auto add_six_megabytes = [&](const IndexOptions& options, const std::string& prefix) {
    const Xapian::rev before = Xapian::Database(db).get_revision();
    Indexer indexer(db, options);
    for (int i = 0; i < 30; ++i) {
      indexer.add_document({.id = prefix + std::to_string(i),
                            .text = text,
                            .title = "",
                            .url = "",
                            .language = Language::kEnglish,
                            .fields = {}});
    }
    indexer.finish();
    return Xapian::Database(db).get_revision() - before;
  };
  EXPECT_GE(add_six_megabytes(IndexOptions{}, "a"), 3u);
  IndexOptions by_documents;
  by_documents.batch_documents = 1000;
  by_documents.batch_bytes = kMaxBatchBytes;
  EXPECT_EQ(add_six_megabytes(by_documents, "b"), 1u);
}

TEST(Indexer, SecondWriterGetsAClearLockError) {
  TempDir dir;
  Indexer first(dir / "db");
  try {
    Indexer second(dir / "db");
    FAIL() << "a second writer must not open the index";
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("locked by another process"), std::string::npos)
        << e.what();
  }
}

TEST(Indexer, MissingPathIsAnIoError) {
  TempDir dir;
  Indexer indexer(dir / "db");
  EXPECT_THROW(indexer.add_path(dir / "no-such-folder"), IoError);
}

TEST(Indexer, IndexPathThatIsAFileIsRefused) {
  TempDir dir;
  write_file(dir / "file", "x");
  EXPECT_THROW(Indexer(dir / "file"), IndexError);
}

TEST(Indexer, LibraryDocumentsNeedAnId) {
  TempDir dir;
  Indexer indexer(dir / "db");
  EXPECT_THROW(indexer.add_document(SourceDocument{"  ", "text", "", "", std::nullopt, {}}),
               InvalidArgument);
  indexer.add_document(
      SourceDocument{"doc-1", "Some English text here.", "", "", std::nullopt, {}});
  EXPECT_EQ(indexer.finish().added, 1u);
}

}  // namespace
}  // namespace lisan

namespace lisan {
namespace {

// Indexes store this hash to tell unchanged documents: it must stay FNV-1a
// 64 (published test vectors), or every document of an existing index would
// look changed to the next run; and hashing in parts must equal hashing the
// whole, which the indexer relies on to hash a document's fields in turn.
TEST(ContentHash, IsFnv1a64AndGoesOnAcrossParts) {
  EXPECT_EQ(internal::content_hash(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(internal::content_hash("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(internal::content_hash("foobar"), 0x85944171f73967e8ull);
  EXPECT_EQ(internal::content_hash("bar", internal::content_hash("foo")),
            internal::content_hash("foobar"));
}

TEST(Indexer, HiddenAndIgnoredFilesAreNotDocuments) {
  testing::TempDir dir;
  testing::write_file(dir / "docs/a.txt", "Alpha\nkept");
  testing::write_file(dir / "docs/README.md", "About\nthis folder");
  testing::write_file(dir / "docs/notes.tmp", "Notes\nscratch");
  testing::write_file(dir / "docs/.git/config", "[core]");
  testing::write_file(dir / "docs/.lisanignore", "# comment\nREADME.md\n*.tmp\n");
  Indexer indexer(dir / "db");
  indexer.add_path(dir / "docs");
  const IndexReport report = indexer.finish();
  EXPECT_EQ(report.added, 1u);
  EXPECT_EQ(report.skipped_total(), 0u) << "ignoring is not skipping";
}

TEST(Indexer, ProgressCountsEveryFileIncludingSkippedAndUnchangedOnes) {
  testing::TempDir dir;
  testing::write_file(dir / "docs/a.txt", "Alpha\nfirst text");
  testing::write_file(dir / "docs/b.txt", "Beta\nsecond text");
  testing::write_file(dir / "docs/empty.txt", "");
  for (int run = 0; run < 2; ++run) {
    std::vector<IndexProgress> seen;
    Indexer indexer(dir / "db");
    indexer.on_progress([&](const IndexProgress& p) { seen.push_back(p); });
    indexer.add_path(dir / "docs");
    indexer.finish();
    ASSERT_FALSE(seen.empty());
    EXPECT_EQ(seen.back().files, 3u) << "run " << run;
    EXPECT_EQ(seen.back().documents, run == 0 ? 2u : 0u) << "the second run changes nothing";
    for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_GE(seen[i].files, seen[i - 1].files);
  }
}

TEST(Indexer, ForcedLanguageOverridesDetection) {
  testing::TempDir dir;
  testing::write_file(dir / "docs/en.txt", "Government\nThe government announced a new policy");
  IndexOptions options;
  options.language = Language::kIndonesian;
  Indexer indexer(dir / "db", options);
  indexer.add_path(dir / "docs");
  const IndexReport report = indexer.finish();
  EXPECT_EQ(report.languages.at("id"), 1u);
  Xapian::Database db(dir / "db");
  EXPECT_EQ(db.get_termfreq("Lid"), 1u);
  EXPECT_EQ(db.get_termfreq("ZEgovern"), 0u) << "no English stems for a forced Indonesian text";
}

TEST(Indexer, RefusesAFolderThatHoldsOtherFiles) {
  testing::TempDir dir;
  testing::write_file(dir / "notes/todo.txt", "x");
  try {
    Indexer indexer(dir / "notes");
    FAIL() << "an index must not be written among other files";
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("is not an index (it holds todo.txt)"), std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "notes/iamglass"));
}

}  // namespace
}  // namespace lisan

namespace lisan {
namespace {

namespace fs = std::filesystem;

// The names and sizes of the files under `folder`, to show nothing changed.
std::map<std::string, std::uintmax_t> files_of(const std::string& folder) {
  std::map<std::string, std::uintmax_t> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file()) files[entry.path().string()] = entry.file_size();
  }
  return files;
}

void expect_refused(const std::string& db, const std::string& why) {
  try {
    Indexer indexer(db);
    ADD_FAILURE() << db << " must be refused";
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find(why), std::string::npos) << e.what();
  }
}

TEST(IndexFolder, FilesThatOnlyLookLikeXapianFilesAreNeverRemoved) {
  testing::TempDir dir;
  testing::write_file(dir / "drafts/report.tmp", "x");
  testing::write_file(dir / "drafts/thesis.glass", "y");
  const auto before = files_of(dir / "drafts");
  expect_refused(dir / "drafts", "is not an index (it holds report.tmp)");
  EXPECT_EQ(files_of(dir / "drafts"), before);
}

TEST(IndexFolder, AnIndexThatLostAVersionFileOrATableIsRefusedNotReset) {
  testing::TempDir dir;
  testing::write_file(dir / "docs/a.txt", "Alpha\nThe first text of three");
  testing::write_file(dir / "docs/b.txt", "Beta\nThe second text of three");
  testing::write_file(dir / "docs/c.txt", "Gamma\nThe third text of three");
  index_paths(dir / "good", {dir / "docs"});
  for (const char* lost : {"iamglass", "postlist.glass", "termlist.glass", "docdata.glass"}) {
    const std::string db = dir / (std::string("lost-") + lost);
    fs::copy(dir / "good", db);
    fs::remove(db + "/" + lost);
    const auto before = files_of(db);
    expect_refused(db, "is damaged");
    EXPECT_EQ(files_of(db), before) << lost << ": nothing of a damaged index is removed";
  }
}

TEST(IndexFolder, ANewIndexIsMarkedUntilItsFirstCommit) {
  testing::TempDir dir;
  {
    Indexer indexer(dir / "db");
    EXPECT_FALSE(fs::exists(dir / "db/lisan-creating")) << "removed once the index is stamped";
  }
  EXPECT_EQ(Xapian::Database(dir / "db").get_doccount(), 0u);
}

TEST(LongIds, AnIdTooLongForATermIsIndexedAndKeptApartFromItsNeighbours) {
  testing::TempDir dir;
  const std::string common(300, 'a');
  const std::string arabic_id = [] {
    std::string id;
    for (int i = 0; i < 150; ++i) id += "\xd9\x83";  // ك: cut mid-letter would be invalid UTF-8
    return id;
  }();
  const std::vector<std::string> ids = {common + "1", common + "2", arabic_id};
  std::string jsonl;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    jsonl += "{\"id\": \"" + ids[i] + "\", \"text\": \"Text of the document number " +
             std::to_string(i) + " in English\"}\n";
  }
  testing::write_file(dir / "docs.jsonl", jsonl);
  for (int run = 0; run < 2; ++run) {
    const IndexRun result = index_paths(dir / "db", {dir / "docs.jsonl"});
    EXPECT_EQ(result.report.added, run == 0 ? 3u : 0u);
    EXPECT_EQ(result.report.unchanged, run == 0 ? 0u : 3u) << "each id finds its own document";
    EXPECT_EQ(result.report.skipped_total(), 0u);
  }
  Xapian::Database db(dir / "db");
  EXPECT_EQ(db.get_doccount(), 3u);
  for (const std::string& id : ids) {
    const std::string term = schema::id_term(id);
    EXPECT_LE(term.size(), schema::kMaxTermBytes);
    ASSERT_EQ(db.get_termfreq(term), 1u) << id;
    EXPECT_EQ(parse_document_data(db.get_document(*db.postlist_begin(term)).get_data()).id, id);
  }
  EXPECT_NE(schema::id_term(ids[0]), schema::id_term(ids[1]));
}

TEST(LongIds, AFileWithALongNameOrADeepPathIsIndexedAndTheRunGoesOn) {
  testing::TempDir dir;
  std::string deep = dir / "docs";
  for (int level = 0; level < 6; ++level)
    deep += "/" + std::string(50, static_cast<char>('k' + level));
  testing::write_file(deep + "/deep.txt", "Deep\nA file far down the tree");
  testing::write_file(dir / ("docs/" + std::string(250, 'n') + ".txt"), "Long\nA long file name");
  testing::write_file(dir / "docs/short.txt", "Short\nA plain file");
  const IndexRun result = index_paths(dir / "db", {dir / "docs"});
  EXPECT_EQ(result.report.added, 3u);
  EXPECT_EQ(result.report.skipped_total(), 0u);
  EXPECT_EQ(index_paths(dir / "db", {dir / "docs"}).report.unchanged, 3u);
}

TEST(FileIds, TheSameRelativeNameInTwoInputsIsReportedNotReplacedAtEveryRun) {
  testing::TempDir dir;
  testing::write_file(dir / "a/notes.txt", "Notes\nThe notes kept in the first folder");
  testing::write_file(dir / "b/notes.txt", "Notes\nOther notes, of the second folder, longer");
  for (int run = 0; run < 2; ++run) {
    const IndexRun result = index_paths(dir / "db", {dir / "a", dir / "b"});
    EXPECT_EQ(result.report.added, run == 0 ? 1u : 0u);
    EXPECT_EQ(result.report.replaced, 0u) << "run " << run;
    EXPECT_EQ(result.report.skipped.at(SkipReason::kDuplicateId), 1u);
    ASSERT_EQ(result.problems.size(), 1u);
    EXPECT_EQ(result.problems[0].source, dir / "b/notes.txt");
    EXPECT_NE(result.problems[0].message.find("same id (notes.txt) as a file of " + (dir / "a")),
              std::string::npos)
        << result.problems[0].message;
  }
  const IndexRun later = index_paths(dir / "db", {dir / "b"});
  EXPECT_EQ(later.report.replaced, 0u) << "a later run of the other folder alone replaces nothing";
  EXPECT_EQ(later.report.skipped.at(SkipReason::kDuplicateId), 1u);
  Xapian::Database db(dir / "db");
  EXPECT_EQ(db.get_termfreq("first"), 1u);
  EXPECT_EQ(db.get_termfreq("second"), 0u);
}

TEST(FileIds, AMovedFolderStillReplacesItsDocuments) {
  testing::TempDir dir;
  testing::write_file(dir / "old/notes.txt", "Notes\nBefore the move");
  index_paths(dir / "db", {dir / "old"});
  fs::rename(dir / "old", dir / "new");
  testing::write_file(dir / "new/notes.txt", "Notes\nAfter the move, changed");
  const IndexRun result = index_paths(dir / "db", {dir / "new"});
  EXPECT_EQ(result.report.replaced, 1u);
  EXPECT_EQ(result.report.skipped_total(), 0u);
}

}  // namespace
}  // namespace lisan

namespace lisan {
namespace {

// A stop requested before an Indexer exists is kept, not reset by it: a
// Ctrl-C that comes while an index is being opened still stops the run.
TEST(StopToken, ARequestBeforeTheIndexerStartsIsNotLost) {
  TempDir dir;
  write_file(dir / "docs/a.txt", "Kazakhstan joins the accords");
  write_file(dir / "docs/b.txt", "Tokayev visits Washington");
  StopToken stop;
  stop.request();
  IndexOptions options;
  options.stop = &stop;
  {
    Indexer indexer(dir / "db", options);
    indexer.add_path(dir / "docs");
    const IndexReport report = indexer.finish();
    EXPECT_TRUE(report.interrupted);
    EXPECT_EQ(report.added, 0u);
  }
  EXPECT_TRUE(stop.requested()) << "lisan never resets a token";
  Indexer again(dir / "db");  // a run without the token indexes everything
  again.add_path(dir / "docs");
  EXPECT_EQ(again.finish().added, 2u);
}

// Every shard of a sharded run holds the same token: none of them goes on.
TEST(StopToken, EveryShardOfASharedRunStops) {
  TempDir dir;
  for (int i = 0; i < 20; ++i) {
    write_file(dir / ("docs/" + std::to_string(i) + ".txt"), "note " + std::to_string(i));
  }
  StopToken stop;
  stop.request();
  IndexOptions options;
  options.stop = &stop;
  const IndexReport report = index_sharded(dir / "db", 3, options, {dir / "docs"}, nullptr);
  EXPECT_TRUE(report.interrupted);
  EXPECT_EQ(report.added, 0u);
}

}  // namespace
}  // namespace lisan
