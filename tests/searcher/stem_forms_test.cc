// Index schema 2 writes a stem term only where the stem differs from the
// word; a query must still reach every inflected form through the stem.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>

#include "lisan/indexer/indexer.h"
#include "lisan/searcher/searcher.h"
#include "support/run_command.h"

namespace lisan {
namespace {

std::vector<std::string> ids(const SearchResults& results) {
  std::vector<std::string> out;
  for (const Hit& hit : results.hits) out.push_back(hit.id);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(StemForms, WordsThatAreTheirOwnStemGetNoStemTerm) {
  testing::TempDir dir;
  Indexer indexer(dir / "db");
  indexer.add_document({.id = "own",
                        .text = "they run",
                        .title = {},
                        .url = {},
                        .language = Language::kEnglish,
                        .fields = {}});
  indexer.add_document({.id = "inflected",
                        .text = "she was running",
                        .title = {},
                        .url = {},
                        .language = Language::kEnglish,
                        .fields = {}});
  indexer.finish();
  Xapian::Database db(dir / "db");
  EXPECT_EQ(db.get_termfreq("run"), 1u);
  EXPECT_EQ(db.get_termfreq("running"), 1u);
  EXPECT_EQ(db.get_termfreq("ZErun"), 1u) << "only the inflected form needs its stem";
}

TEST(StemForms, EveryFormOfAWordFindsEveryOther) {
  testing::TempDir dir;
  {
    Indexer indexer(dir / "db");
    indexer.add_document({.id = "own",
                          .text = "they run every day",
                          .title = {},
                          .url = {},
                          .language = Language::kEnglish,
                          .fields = {}});
    indexer.add_document({.id = "inflected",
                          .text = "she was running late",
                          .title = {},
                          .url = {},
                          .language = Language::kEnglish,
                          .fields = {}});
    indexer.add_document({.id = "other",
                          .text = "nothing related here",
                          .title = {},
                          .url = {},
                          .language = Language::kEnglish,
                          .fields = {}});
    indexer.finish();
  }
  Searcher searcher({dir / "db"});
  const std::vector<std::string> both = {"inflected", "own"};
  EXPECT_EQ(ids(searcher.search("running")), both);
  EXPECT_EQ(ids(searcher.search("run")), both);
  EXPECT_EQ(ids(searcher.search("runs")), both);
}

}  // namespace
}  // namespace lisan
