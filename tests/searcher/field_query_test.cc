// Field filters, ranges and text fields in the query language: parsing
// (through describe()), refusals naming the byte offset, and the boolean
// Xapian queries they build.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "lisan/searcher/errors.h"
#include "query_builder.h"
#include "query_parser.h"

namespace lisan::internal {
namespace {

const FieldSchema& news_schema() {
  static const FieldSchema schema = FieldSchema::parse(
      R"({"fields": {"source": "keyword", "tags": "keyword", "date": "date",
                     "price": "number", "author": "text"}})");
  return schema;
}

std::string tree(std::string_view query) { return describe(parse_query(query, news_schema())); }

TEST(FieldQueryParser, FiltersRangesAndTextFields) {
  EXPECT_EQ(tree("source:aljazeera"), "source:aljazeera");
  EXPECT_EQ(tree("Kazakhstan -source:x"), "(SEQ Kazakhstan -source:x)");
  EXPECT_EQ(tree("tags:(a OR b)"), "tags:(a OR b)");
  EXPECT_EQ(tree("tags:(a b)"), "tags:(a OR b)");
  EXPECT_EQ(tree("source:\"Al Jazeera\" x"), "(SEQ source:Al Jazeera x)");
  EXPECT_EQ(tree("date:2025-01-01..2025-12-31"), "date:2025-01-01..2025-12-31");
  EXPECT_EQ(tree("date:2025-11.."), "date:2025-11..");
  EXPECT_EQ(tree("price:..20"), "price:..20");
  EXPECT_EQ(tree("price:10..20 AND x"), "(AND price:10..20 x)");
  EXPECT_EQ(tree("author:Tokayev"), "author:Tokayev");
  EXPECT_EQ(tree("author:\"Steve Witkoff\""), "author:\"Steve Witkoff\"");
  EXPECT_EQ(tree("SOURCE:x"), "source:x");  // names are case-blind, values are not
  // Not field references: a name that cannot be a field, a value after "/".
  EXPECT_EQ(tree("http://x.org 10:30 note:"), "(SEQ http://x.org 10:30 note:)");
}

struct Refused {
  const char* query;
  std::size_t offset;
  const char* message_part;
};

class FieldRefusedAt : public ::testing::TestWithParam<Refused> {};

TEST_P(FieldRefusedAt, OffsetAndMessage) {
  const Refused& r = GetParam();
  try {
    parse_query(r.query, news_schema());
    FAIL() << "accepted: " << r.query;
  } catch (const QueryError& e) {
    EXPECT_EQ(e.offset(), r.offset) << r.query << ": " << e.what();
    EXPECT_NE(std::string(e.what()).find(r.message_part), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    FieldQueryParser, FieldRefusedAt,
    ::testing::Values(Refused{"x colour:red", 2, "unknown field \"colour\""},
                      Refused{"price:cheap", 6, "\"cheap\" is not a number"},
                      Refused{"price:10..lots", 10, "\"lots\" is not a number"},
                      Refused{"date:yesterday", 5, "is not a date"},
                      Refused{"date:2025-13..", 5, "is not a date"},
                      Refused{"date:..", 5, "a range needs"},
                      Refused{"tags:(a OR b", 5, "unbalanced '('"},
                      Refused{"tags:()", 5, "empty parentheses"},
                      Refused{"author:(a b)", 7, "must be followed by a word"}));

class FieldBuilder : public ::testing::Test {
 protected:
  Xapian::Query build(const std::string& query) {
    QueryTerms terms;
    std::vector<QueryWord> words;
    QueryBuilder builder(analysis_, FormWeights{},
                         ExpansionOptions{.transliterate = false, .translate = false},
                         &news_schema());
    return builder.build(parse_query(query, news_schema()), terms, words);
  }
  static std::set<std::string> terms_of(const Xapian::Query& query) {
    return {query.get_unique_terms_begin(), query.get_unique_terms_end()};
  }
  AnalysisContext analysis_;
};

TEST_F(FieldBuilder, KeywordFilterIsABooleanTermBesideTheRankedWords) {
  const Xapian::Query query = build("Kazakhstan source:aljazeera");
  EXPECT_TRUE(terms_of(query).contains("XFSOURCE:aljazeera"));
  const std::string description = query.get_description();
  EXPECT_NE(description.find("FILTER"), std::string::npos) << description;
}

TEST_F(FieldBuilder, ExcludedFilterAndListOfValues) {
  EXPECT_NE(build("Kazakhstan -source:x").get_description().find("AND_NOT"), std::string::npos);
  const std::set<std::string> terms = terms_of(build("tags:(a OR b)"));
  EXPECT_TRUE(terms.contains("XFTAGS:a"));
  EXPECT_TRUE(terms.contains("XFTAGS:b"));
}

TEST_F(FieldBuilder, RangesAreValueRangesOnTheFieldsSlot) {
  const unsigned slot = news_schema().find("price")->slot;
  const std::string closed = build("price:10..20").get_description();
  EXPECT_NE(closed.find("VALUE_RANGE " + std::to_string(slot)), std::string::npos) << closed;
  EXPECT_NE(build("price:10..").get_description().find("VALUE_GE"), std::string::npos);
  EXPECT_NE(build("date:..2025").get_description().find("VALUE_LE"), std::string::npos);
}

TEST_F(FieldBuilder, TextFieldWordsHaveTheFieldsPrefix) {
  EXPECT_TRUE(terms_of(build("author:Tokayev")).contains("XTAUTHOR:tokayev"));
}

}  // namespace
}  // namespace lisan::internal
