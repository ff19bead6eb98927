// Loading an empty index on worker threads (one shard each, merged at the
// end) must give the index one thread gives, keep the indexer's update rules,
// and leave nothing behind.
#include "bulk_load.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>

#include "lisan/format/schema.h"
#include "lisan/format/stored_document.h"
#include "lisan/indexer/indexer.h"
#include "support/run_command.h"

namespace lisan {
namespace {

using testing::TempDir;
using testing::write_file;

// id → (terms, positions of each term) of every document: the whole index.
using Snapshot = std::map<std::string, std::map<std::string, std::vector<Xapian::termpos>>>;

Snapshot snapshot(const std::string& db_path) {
  Xapian::Database db(db_path);
  Snapshot out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    auto& terms = out[parse_document_data(doc.get_data()).id];
    for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
      terms[*term] =
          std::vector<Xapian::termpos>(term.positionlist_begin(), term.positionlist_end());
    }
  }
  return out;
}

// Documents in the three languages, enough for every shard to get some.
std::string sample_jsonl() {
  const char* texts[] = {"Kazakhstan joins the Abraham Accords, the White House said on Thursday.",
                         "Kazakhstan bergabung dengan Abraham Accords, kata Gedung Putih.",
                         "أعلن البيت الأبيض انضمام كازاخستان إلى اتفاقيات أبراهام",
                         "The president met Tokayev in Washington to discuss minerals.",
                         "Presiden bertemu Tokayev di Washington untuk membahas mineral.",
                         "التقى الرئيس توكاييف في واشنطن لبحث المعادن"};
  std::string out;
  for (int i = 0; i < 30; ++i) {
    out += R"({"id": "doc-)" + std::to_string(i) + R"(", "title": "Title )" + std::to_string(i) +
           R"(", "text": ")" + texts[i % 6] + " " + std::to_string(i) + "\"}\n";
  }
  return out;
}

// jobs == 0: the one-thread writer with its batch commits (no bulk load).
IndexReport index_jsonl(const std::string& db, const std::string& jsonl, unsigned jobs) {
  IndexOptions options;
  options.jobs = std::max(jobs, 1u);
  options.bulk_load = jobs > 0;
  Indexer indexer(db, options);
  indexer.add_path(jsonl);
  return indexer.finish();
}

std::string scratch_dir_of(const std::string& db) { return db + "/lisan-bulk"; }

TEST(BulkLoad, ThreeJobsWriteTheIndexOneWriterWrites) {
  TempDir dir;
  write_file(dir / "docs.jsonl", sample_jsonl());
  const IndexReport one = index_jsonl(dir / "one", dir / "docs.jsonl", 0);
  const IndexReport three = index_jsonl(dir / "three", dir / "docs.jsonl", 3);
  EXPECT_EQ(one.added, 30u);
  EXPECT_EQ(three.added, 30u);
  EXPECT_EQ(three.languages, one.languages);
  EXPECT_EQ(three.bytes, one.bytes);
  const Snapshot expected = snapshot(dir / "one");
  ASSERT_EQ(expected.size(), 30u);
  EXPECT_EQ(snapshot(dir / "three"), expected);
  Xapian::Database db(dir / "three");
  EXPECT_EQ(db.get_metadata(std::string(schema::kSchemaVersionKey)),
            std::to_string(schema::kSchemaVersion))
      << "the merged index keeps the stamp of the index it replaced";
  EXPECT_FALSE(db.get_metadata(std::string(schema::kLastCommitKey)).empty());
  EXPECT_FALSE(std::filesystem::exists(scratch_dir_of(dir / "three")))
      << "the shards are removed after the merge";
}

TEST(BulkLoad, RepeatedIdInOneRunReplacesItsFirstVersion) {
  TempDir dir;
  write_file(dir / "docs.jsonl", R"({"id": "x", "text": "first version", "lang": "en"})"
                                 "\n"
                                 R"({"id": "y", "text": "other words", "lang": "en"})"
                                 "\n"
                                 R"({"id": "x", "text": "second version", "lang": "en"})"
                                 "\n"
                                 R"({"id": "y", "text": "other words", "lang": "en"})"
                                 "\n");
  const IndexReport report = index_jsonl(dir / "db", dir / "docs.jsonl", 2);
  EXPECT_EQ(report.added, 2u);
  EXPECT_EQ(report.replaced, 1u);
  EXPECT_EQ(report.unchanged, 1u);
  Xapian::Database db(dir / "db");
  EXPECT_EQ(db.get_doccount(), 2u);
  EXPECT_EQ(db.get_termfreq("second"), 1u);
  EXPECT_EQ(db.get_termfreq("first"), 0u);
}

TEST(BulkLoad, ReindexingAfterABulkLoadChangesNothing) {
  TempDir dir;
  write_file(dir / "docs.jsonl", sample_jsonl());
  index_jsonl(dir / "db", dir / "docs.jsonl", 2);
  const Snapshot before = snapshot(dir / "db");
  const IndexReport again = index_jsonl(dir / "db", dir / "docs.jsonl", 2);
  EXPECT_EQ(again.unchanged, 30u);
  EXPECT_EQ(again.added + again.replaced, 0u);
  EXPECT_EQ(snapshot(dir / "db"), before);
}

TEST(BulkLoad, CommitEndsTheLoadAndLaterDocumentsAreAdded) {
  TempDir dir;
  IndexOptions options;
  options.jobs = 2;
  Indexer indexer(dir / "db", options);
  indexer.add_document(
      {.id = "a", .text = "alpha words", .title = {}, .url = {}, .language = {}, .fields = {}});
  indexer.commit();
  EXPECT_EQ(Xapian::Database(dir / "db").get_doccount(), 1u);
  indexer.add_document(
      {.id = "b", .text = "beta words", .title = {}, .url = {}, .language = {}, .fields = {}});
  indexer.add_document(
      {.id = "a", .text = "alpha again", .title = {}, .url = {}, .language = {}, .fields = {}});
  const IndexReport report = indexer.finish();
  EXPECT_EQ(report.added, 2u);
  EXPECT_EQ(report.replaced, 1u);
  Xapian::Database db(dir / "db");
  EXPECT_EQ(db.get_doccount(), 2u);
  EXPECT_EQ(db.get_termfreq("again"), 1u);
}

TEST(BulkLoad, ScratchLeftByAKilledLoadIsRemovedOnOpen) {
  TempDir dir;
  { Indexer first(dir / "db"); }
  write_file(scratch_dir_of(dir / "db") + "/shard-0/junk", "left by a killed run");
  Indexer indexer(dir / "db");
  EXPECT_FALSE(std::filesystem::exists(scratch_dir_of(dir / "db")));
}

TEST(BulkLoad, DestructorMergesWhatWasAdded) {
  TempDir dir;
  {
    IndexOptions options;
    options.jobs = 2;
    Indexer indexer(dir / "db", options);
    indexer.add_document(
        {.id = "a", .text = "alpha", .title = {}, .url = {}, .language = {}, .fields = {}});
  }
  EXPECT_EQ(Xapian::Database(dir / "db").get_doccount(), 1u);
}

// The batch is the measured fastest (1 MB of text a shard) unless the
// budget is too small for it; a larger budget does not make it larger.
TEST(BulkLoadLimits, TheBudgetCapsTheBatchAtItsFastestSize) {
  const internal::BulkLoadLimits big = internal::limits_for_budget(2, 4096ull << 20);
  const internal::BulkLoadLimits usual = internal::limits_for_budget(2, 512ull << 20);
  const internal::BulkLoadLimits small = internal::limits_for_budget(2, 100ull << 20);
  EXPECT_EQ(big.jobs, 2u);
  EXPECT_EQ(big.flush_bytes, 1ull << 20);
  EXPECT_EQ(usual.flush_bytes, 1ull << 20);
  EXPECT_LT(small.flush_bytes, usual.flush_bytes);
  EXPECT_LE(small.queue_bytes, usual.queue_bytes);
  EXPECT_GE(small.flush_bytes, 256ull << 10) << "never a commit per document";
  const internal::BulkLoadLimits zero = internal::limits_for_budget(0, 0);
  EXPECT_EQ(zero.jobs, 1u);
  EXPECT_GT(zero.flush_bytes, 0u);
}

}  // namespace
}  // namespace lisan
