// Documents with fields through the library: the Indexer writes them, the
// Searcher filters, sorts, counts facets and returns stored fields; deletion
// by id and replacement with new fields.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "lisan/analyzers/error.h"
#include "lisan/indexer/indexer.h"
#include "lisan/indexer/jsonl.h"
#include "lisan/searcher/searcher.h"
#include "support/run_command.h"

namespace lisan {
namespace {

FieldSchema news_schema() {
  return FieldSchema::parse(
      R"({"fields": {"source": "keyword", "tags": "keyword", "date": "date",
                     "price": "number", "author": "text"}})");
}

SourceDocument news(std::string id, FieldValues fields) {
  return {.id = id,
          .text = "Kazakhstan joins the Abraham Accords, report " + id,
          .title = "Report " + id,
          .url = "",
          .language = Language::kEnglish,
          .fields = std::move(fields)};
}

class FieldSearch : public ::testing::Test {
 protected:
  void SetUp() override {
    IndexOptions options;
    options.schema = news_schema();
    Indexer indexer(db(), options);
    indexer.on_problem([this](const IndexProblem& p) { problems_.push_back(p.message); });
    indexer.add_document(news("a", {{"source", {"aljazeera"}},
                                    {"tags", {"kazakhstan", "israel"}},
                                    {"date", {"2025-11-06"}},
                                    {"price", {"10"}},
                                    {"author", {"Steve Witkoff"}}}));
    indexer.add_document(news("b", {{"source", {"thenational"}},
                                    {"tags", {"kazakhstan"}},
                                    {"date", {"2025-10-20"}},
                                    {"price", {"25.5"}}}));
    indexer.add_document(news(
        "c", {{"source", {"aljazeera"}}, {"tags", {"syria"}}, {"date", {"2024-12-31T23:00:00Z"}}}));
    indexer.add_document(news("d", {{"price", {"cheap"}}, {"colour", {"red"}}}));
    indexer.finish();
  }

  std::vector<std::string> ids(const std::string& query, SearchOptions options = {}) {
    Searcher searcher({db()});
    options.snippets = false;
    std::vector<std::string> out;
    for (const Hit& hit : searcher.search(query, options).hits) out.push_back(hit.id);
    return out;
  }
  static std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  }
  std::string db() const { return dir_ / "db"; }

  testing::TempDir dir_;
  std::vector<std::string> problems_;
};

using Ids = std::vector<std::string>;

TEST_F(FieldSearch, BadValuesAndUnknownFieldsAreDroppedAndReported) {
  ASSERT_EQ(problems_.size(), 2u);
  const std::string all = problems_[0] + "\n" + problems_[1];
  EXPECT_NE(all.find("document d: field \"price\": \"cheap\" is not a number"), std::string::npos)
      << all;
  EXPECT_NE(all.find("document d: field \"colour\" is not in the index's schema"),
            std::string::npos)
      << all;
  EXPECT_EQ(sorted(ids("report")), (Ids{"a", "b", "c", "d"})) << "d is indexed without them";
}

TEST_F(FieldSearch, KeywordFiltersDoNotChangeScores) {
  EXPECT_EQ(sorted(ids("Kazakhstan source:aljazeera")), (Ids{"a", "c"}));
  EXPECT_EQ(sorted(ids("Kazakhstan -source:aljazeera")), (Ids{"b", "d"}));
  EXPECT_EQ(sorted(ids("tags:(israel OR syria)")), (Ids{"a", "c"}));
  EXPECT_EQ(ids("tags:kazakhstan tags:israel"), (Ids{"a"}));  // each value of a list is a term
  Searcher searcher({db()});
  const SearchResults all = searcher.search("Kazakhstan");
  const SearchResults filtered = searcher.search("Kazakhstan source:aljazeera");
  for (const Hit& hit : filtered.hits) {
    const auto same = std::find_if(all.hits.begin(), all.hits.end(),
                                   [&](const Hit& h) { return h.id == hit.id; });
    ASSERT_NE(same, all.hits.end());
    EXPECT_DOUBLE_EQ(same->score, hit.score) << hit.id;
  }
}

TEST_F(FieldSearch, RangesOpenAndClosedAndEmpty) {
  EXPECT_EQ(sorted(ids("date:2025-01-01..2025-12-31")), (Ids{"a", "b"}));
  EXPECT_EQ(ids("date:2025-11.."), (Ids{"a"}));
  EXPECT_EQ(ids("date:..2024"), (Ids{"c"}));
  EXPECT_EQ(ids("date:2024-12-31"), (Ids{"c"}));  // a day is its whole period
  EXPECT_EQ(sorted(ids("price:10..20")), (Ids{"a"}));
  EXPECT_EQ(sorted(ids("price:10..")), (Ids{"a", "b"}));
  EXPECT_TRUE(ids("price:30..40").empty());
  EXPECT_TRUE(ids("price:20..10").empty()) << "a range that ends before it begins holds nothing";
}

TEST_F(FieldSearch, UnknownFieldsAndBadValuesAreQueryErrors) {
  Searcher searcher({db()});
  try {
    searcher.search("Kazakhstan colour:red");
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.offset(), 11u);
    EXPECT_NE(std::string(e.what()).find("unknown field"), std::string::npos);
  }
  SearchOptions options;
  options.filters = {"price:cheap"};
  try {
    searcher.search("Kazakhstan", options);
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.offset(), 6u);
    EXPECT_NE(std::string(e.what()).find("filter \"price:cheap\""), std::string::npos);
  }
}

TEST_F(FieldSearch, OptionFiltersMatchTheQuerySyntaxAndWorkWithoutAQuery) {
  SearchOptions options;
  options.filters = {"source:aljazeera", "date:2025.."};
  EXPECT_EQ(ids("Kazakhstan", options), (Ids{"a"}));
  EXPECT_EQ(ids("", options), (Ids{"a"}));
}

TEST_F(FieldSearch, SortByAFieldPutsDocumentsLackingItLastAndPagesAgree) {
  SearchOptions options;
  options.sort = SortOrder{"date", true};
  EXPECT_EQ(ids("report", options), (Ids{"a", "b", "c", "d"}));
  options.sort = SortOrder{"date", false};
  EXPECT_EQ(ids("report", options), (Ids{"c", "b", "a", "d"}));
  options.sort = SortOrder{"price", true};
  const Ids by_price = ids("report", options);
  ASSERT_EQ(by_price.size(), 4u);
  EXPECT_EQ(by_price[0], "b");
  EXPECT_EQ(by_price[1], "a");
  options.limit = 2;
  options.offset = 2;
  const Ids second_page = ids("report", options);
  EXPECT_EQ(second_page, (Ids{by_price[2], by_price[3]}));
  options.sort = SortOrder{"author", false};
  EXPECT_THROW(ids("report", options), InvalidArgument);
  options.sort = SortOrder{"colour", false};
  EXPECT_THROW(ids("report", options), InvalidArgument);
}

TEST_F(FieldSearch, FacetsCountEveryValueOfAListAndDatesByMonthOrYear) {
  Searcher searcher({db()});
  SearchOptions options;
  options.facets = {"tags", "source", "date", "date:year"};
  const SearchResults results = searcher.search("report", options);
  ASSERT_EQ(results.facets.size(), 4u);
  auto values = [](const FieldFacet& facet) {
    std::vector<std::pair<std::string, std::uint64_t>> out;
    for (const FacetValue& v : facet.values) out.emplace_back(v.value, v.count);
    return out;
  };
  using Counts = std::vector<std::pair<std::string, std::uint64_t>>;
  EXPECT_EQ(values(results.facets[0]), (Counts{{"kazakhstan", 2}, {"israel", 1}, {"syria", 1}}));
  EXPECT_EQ(values(results.facets[1]), (Counts{{"aljazeera", 2}, {"thenational", 1}}));
  EXPECT_EQ(values(results.facets[2]), (Counts{{"2024-12", 1}, {"2025-10", 1}, {"2025-11", 1}}));
  EXPECT_EQ(values(results.facets[3]), (Counts{{"2025", 2}, {"2024", 1}}));
  EXPECT_FALSE(results.facets[0].estimated);
  options.facets = {"author"};
  EXPECT_THROW(searcher.search("report", options), InvalidArgument);
}

TEST_F(FieldSearch, HitsCarryTheirStoredFieldsOrThoseAsked) {
  Searcher searcher({db()});
  SearchOptions options;
  options.filters = {"source:thenational"};
  SearchResults results = searcher.search("", options);
  ASSERT_EQ(results.hits.size(), 1u);
  EXPECT_EQ(results.hits[0].fields.at("price"), (std::vector<std::string>{"25.5"}));
  EXPECT_EQ(results.hits[0].fields.at("tags"), (std::vector<std::string>{"kazakhstan"}));
  options.fields = {"source"};
  results = searcher.search("", options);
  ASSERT_EQ(results.hits.size(), 1u);
  EXPECT_EQ(results.hits[0].fields, (FieldValues{{"source", {"thenational"}}}));
}

TEST_F(FieldSearch, TextFieldIsSearchableOnItsOwnAndWithTheBody) {
  EXPECT_EQ(ids("author:Witkoff"), (Ids{"a"}));
  EXPECT_EQ(ids("Witkoff"), (Ids{"a"}));
}

TEST_F(FieldSearch, DeleteByIdThenReAddWithNewFields) {
  {
    Indexer indexer(db());
    EXPECT_TRUE(indexer.remove("a"));
    EXPECT_FALSE(indexer.remove("no-such-id"));
    const IndexReport report = indexer.finish();
    EXPECT_EQ(report.deleted, 1u);
    EXPECT_EQ(report.not_found, 1u);
  }
  EXPECT_EQ(sorted(ids("report")), (Ids{"b", "c", "d"}));
  {
    Indexer indexer(db());
    indexer.add_document(news("a", {{"source", {"reuters"}}}));
    indexer.add_document(news("b", {{"source", {"reuters"}}}));  // same text, new fields
    const IndexReport report = indexer.finish();
    EXPECT_EQ(report.added, 1u);
    EXPECT_EQ(report.replaced, 1u);
  }
  EXPECT_EQ(sorted(ids("source:reuters")), (Ids{"a", "b"}));
  EXPECT_TRUE(ids("source:thenational").empty());
}

TEST_F(FieldSearch, JsonlDeletionLinesAndFieldsObject) {
  const std::string jsonl = dir_ / "update.jsonl";
  testing::write_file(jsonl,
                      "{\"id\": \"b\", \"deleted\": true}\n"
                      "{\"id\": \"gone\", \"deleted\": true}\n"
                      "{\"id\": \"e\", \"text\": \"report e\", \"source\": \"x\", "
                      "\"fields\": {\"tags\": [\"new\"], \"price\": 7}}\n");
  Indexer indexer(db());
  std::vector<std::string> problems;
  indexer.on_problem([&](const IndexProblem& p) { problems.push_back(p.message); });
  indexer.add_path(jsonl);
  const IndexReport report = indexer.finish();
  EXPECT_EQ(report.deleted, 1u);
  EXPECT_EQ(report.not_found, 1u);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("\"source\" is a field: it belongs inside \"fields\""),
            std::string::npos)
      << problems[0];
  EXPECT_EQ(ids("tags:new price:7"), (Ids{"e"}));
  EXPECT_TRUE(ids("source:x").empty());
  EXPECT_EQ(sorted(ids("report")), (Ids{"a", "c", "d", "e"}));
}

TEST_F(FieldSearch, ASchemaThatChangesATypeIsRefused) {
  IndexOptions options;
  options.schema = FieldSchema::parse(R"({"fields": {"price": "keyword"}})");
  try {
    Indexer indexer(db(), options);
    FAIL();
  } catch (const InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("re-index"), std::string::npos) << e.what();
  }
  options.schema = FieldSchema::parse(R"({"fields": {"section": "keyword"}})");
  { Indexer indexer(db(), options); }
  Searcher searcher({db()});
  ASSERT_NE(searcher.fields().find("section"), nullptr);
  EXPECT_EQ(searcher.fields().find("price")->type, FieldType::kNumber);
}

}  // namespace
}  // namespace lisan
