// The term table must hand Xapian exactly the document that adding each
// occurrence directly would have made: same terms, wdfs and positions.
#include "term_table.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <map>
#include <random>
#include <string>
#include <vector>

namespace lisan::internal {
namespace {

struct TermFacts {
  Xapian::termcount wdf = 0;
  std::vector<Xapian::termpos> positions;
  bool operator==(const TermFacts&) const = default;
};

std::map<std::string, TermFacts> facts(const Xapian::Document& doc) {
  std::map<std::string, TermFacts> out;
  for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
    out[*term] = {term.get_wdf(),
                  std::vector<Xapian::termpos>(term.positionlist_begin(), term.positionlist_end())};
  }
  return out;
}

TEST(TermTable, GathersRepeatsIntoOneTermWithItsWdfAndPositions) {
  TermTable table;
  table.add_posting("", "kazakhstan", 1);
  table.add_term("ZE", "kazakh");
  table.add_posting("", "tokayev", 2);
  table.add_posting("", "kazakhstan", 3);
  table.add_term("ZE", "kazakh");
  table.add_term("S", "kazakhstan");
  EXPECT_EQ(table.size(), 4u) << "kazakhstan, ZEkazakh, tokayev, Skazakhstan";
  Xapian::Document doc;
  table.write_to(doc);
  const auto got = facts(doc);
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got.at("kazakhstan"), (TermFacts{2, {1, 3}}));
  EXPECT_EQ(got.at("tokayev"), (TermFacts{1, {2}}));
  EXPECT_EQ(got.at("ZEkazakh"), (TermFacts{2, {}}));
  EXPECT_EQ(got.at("Skazakhstan"), (TermFacts{1, {}})) << "a prefix makes another term";
}

TEST(TermTable, ClearForgetsTheLastDocument) {
  TermTable table;
  table.add_posting("", "first", 1);
  table.clear();
  EXPECT_EQ(table.size(), 0u);
  table.add_posting("", "second", 1);
  Xapian::Document doc;
  table.write_to(doc);
  const auto got = facts(doc);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got.at("second"), (TermFacts{1, {1}}));
}

// Seeded random documents, large enough for the table to grow several times,
// compared with the same calls made on a Xapian::Document directly; the same
// table serves every round, as a builder's does.
TEST(TermTable, MakesTheDocumentDirectCallsMake) {
  std::mt19937 random(11);
  TermTable table;
  for (int round = 0; round < 40; ++round) {
    const int vocabulary = 1 + static_cast<int>(random() % 5000);
    const int tokens = static_cast<int>(random() % 6000);
    Xapian::Document direct;
    table.clear();
    for (int position = 1; position <= tokens; ++position) {
      const std::string word = "w" + std::to_string(random() % vocabulary) + "ي";
      direct.add_posting(word, position);
      table.add_posting("", word, position);
      if (random() % 3 == 0) {
        direct.add_term("ZA" + word.substr(0, 3));
        table.add_term("ZA", word.substr(0, 3));
      }
    }
    Xapian::Document via_table;
    table.write_to(via_table);
    ASSERT_EQ(facts(via_table), facts(direct)) << "round " << round;
  }
}

}  // namespace
}  // namespace lisan::internal
