// Counting matches as sets of document ids gives what Xapian's matcher
// counts, for every operator, on an index with a deleted document.
#include "match_counter.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <map>
#include <string>
#include <vector>

#include "language_facets.h"
#include "lisan/format/schema.h"
#include "lisan/indexer/indexer.h"
#include "support/run_command.h"

namespace lisan::internal {
namespace {

class MatchCounterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<testing::TempDir>();
    {
      Indexer indexer(db_path());
      for (int i = 0; i < 600; ++i) {
        const int kind = i % 3;
        std::string text = kind == 0   ? "the river flows past the old town"
                           : kind == 1 ? "sungai mengalir melewati kota tua"
                                       : "النهر يجري في المدينة";
        if (i % 4 == 0) text += kind == 2 ? " الجبل" : " mountain";
        if (i % 5 == 0) text += " river mountain";
        if (i % 7 == 0) text += " old river";
        indexer.add_document({.id = "d" + std::to_string(i),
                              .text = text,
                              .title = "Note",
                              .url = "",
                              .language = kind == 0   ? Language::kEnglish
                                          : kind == 1 ? Language::kIndonesian
                                                      : Language::kArabic,
                              .fields = {}});
      }
      indexer.finish();
    }
    // A hole in the document ids, as updates leave.
    Xapian::WritableDatabase db(db_path(), Xapian::DB_OPEN);
    db.delete_document(std::string(schema::kIdPrefix) + "d10");
    db.commit();
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::string db_path() { return *dir_ / "db"; }

  // What Xapian's matcher counts when made to look at every match.
  static MatchCounts counted_by_xapian(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::ValueCountMatchSpy languages(schema::kLanguageSlot);
    enquire.add_matchspy(&languages);
    const Xapian::MSet mset = enquire.get_mset(0, 0, db.get_doccount());
    MatchCounts counts;
    counts.total = mset.get_matches_estimated();
    EXPECT_EQ(mset.get_matches_lower_bound(), mset.get_matches_upper_bound());
    for (auto it = languages.values_begin(); it != languages.values_end(); ++it) {
      counts.languages[*it] = it.get_termfreq();
    }
    return counts;
  }

  inline static std::unique_ptr<testing::TempDir> dir_;
};

// A ranked match of `query`: the counter takes the term frequencies from it.
Xapian::MSet ranked(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  return enquire.get_mset(0, 10);
}

std::optional<MatchCounts> count(const Xapian::Database& db, const Xapian::Query& query,
                                 const LanguageTable& table, std::size_t max_postings) {
  return count_matches_exactly(db, query, ranked(db, query), table, max_postings);
}

using Q = Xapian::Query;

Q combined(Q::op op, const std::vector<Q>& parts, Xapian::termcount window = 0) {
  return Q(op, parts.begin(), parts.end(), window);
}

TEST_F(MatchCounterTest, CountsWhatXapiansMatcherCountsForEveryOperator) {
  const Xapian::Database db(db_path());
  const LanguageTable table(db);
  const Q river("river");
  const Q mountain("mountain");
  const Q old("old");
  const Q phrase = combined(Q::OP_PHRASE, {Q("old"), Q("river")});
  const Q english("Len");
  const std::vector<std::pair<std::string, Q>> queries = {
      {"term", river},
      {"missing term", Q("zzzz")},
      {"or", Q(Q::OP_OR, river, Q("sungai"))},
      {"synonym", combined(Q::OP_SYNONYM, {Q("river"), Q("ZEriver"), Q("sungai"), Q("zzzz")})},
      {"and", Q(Q::OP_AND, river, mountain)},
      {"and empty", Q(Q::OP_AND, Q("zzzz"), mountain)},
      {"and not", Q(Q::OP_AND_NOT, river, old)},
      {"filter", Q(Q::OP_FILTER, mountain, english)},
      {"and maybe", Q(Q::OP_AND_MAYBE, mountain, river)},
      {"xor", Q(Q::OP_XOR, river, mountain)},
      {"max", Q(Q::OP_MAX, river, old)},
      {"scale weight", Q(Q::OP_SCALE_WEIGHT, river, 0.25)},
      {"phrase", phrase},
      {"phrase in a synonym", Q(Q::OP_SYNONYM, phrase, Q("sungai"))},
      {"near", combined(Q::OP_NEAR, {Q("river"), Q("mountain")}, 2)},
      {"match all", Q::MatchAll},
      {"not", Q(Q::OP_AND_NOT, Q::MatchAll, river)},
      {"match nothing", Q::MatchNothing},
      {"value range", Q(Q::OP_VALUE_RANGE, schema::kLanguageSlot, "ar", "en")},
      {"nested", Q(Q::OP_OR, Q(Q::OP_AND, Q(Q::OP_SYNONYM, river, Q("sungai")), mountain),
                   Q(Q::OP_FILTER, Q(Q::OP_SCALE_WEIGHT, old, 2.0), english))},
  };
  for (const auto& [name, query] : queries) {
    const std::optional<MatchCounts> counts = count(db, query, table, 1000000);
    ASSERT_TRUE(counts) << name;
    const MatchCounts expected = counted_by_xapian(db, query);
    EXPECT_EQ(counts->total, expected.total) << name;
    EXPECT_EQ(counts->languages, expected.languages) << name;
  }
  // Documents i with i % 3 == 0 (English), i % 5 == 0 or i % 7 == 0, less the deleted d10.
  EXPECT_EQ(count(db, river, table, 1000000)->total, 324u);
}

TEST_F(MatchCounterTest, GivesUpPastItsBudget) {
  const Xapian::Database db(db_path());
  const LanguageTable table(db);
  const Q phrase = combined(Q::OP_PHRASE, {Q("old"), Q("river")});
  EXPECT_TRUE(count(db, Q("old"), table, 1000));
  EXPECT_FALSE(count(db, Q("old"), table, 50));
  EXPECT_FALSE(count(db, Q(Q::OP_OR, Q("old"), Q("river")), table, 300));
  EXPECT_FALSE(count(db, phrase, table, 10));
}

// A document added after the table was read is counted from its stored
// language.
TEST_F(MatchCounterTest, DocumentsNewerThanTheTableAreCountedToo) {
  testing::TempDir dir;
  const std::string path = dir / "db";
  {
    Indexer indexer(path);
    indexer.add_document({.id = "a",
                          .text = "river town",
                          .title = "",
                          .url = "",
                          .language = Language::kEnglish,
                          .fields = {}});
    indexer.finish();
  }
  const LanguageTable table{Xapian::Database(path)};
  {
    Indexer indexer(path);
    indexer.add_document({.id = "b",
                          .text = "sungai river",
                          .title = "",
                          .url = "",
                          .language = Language::kIndonesian,
                          .fields = {}});
    indexer.finish();
  }
  const Xapian::Database db(path);
  const std::optional<MatchCounts> counts = count(db, Q("river"), table, 1000);
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->total, 2u);
  EXPECT_EQ(counts->languages, (std::map<std::string, Xapian::doccount>{{"en", 1}, {"id", 1}}));
}

}  // namespace
}  // namespace lisan::internal
