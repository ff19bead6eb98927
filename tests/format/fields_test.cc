// The field schema and its values: schema files, the stored schema, type
// checks, dates and the sortable encodings.
#include "lisan/format/fields.h"

#include <gtest/gtest.h>

#include <set>

#include "lisan/analyzers/error.h"
#include "lisan/format/stored_document.h"

namespace lisan {
namespace {

TEST(FieldSchema, NewSchemaHoldsTheBuiltInFields) {
  const FieldSchema schema;
  ASSERT_NE(schema.find("modified"), nullptr);
  EXPECT_EQ(schema.find("modified")->type, FieldType::kDate);
  EXPECT_EQ(schema.find("size")->type, FieldType::kNumber);
  EXPECT_EQ(schema.find("path")->type, FieldType::kKeyword);
  EXPECT_TRUE(schema.find("path")->builtin);
  EXPECT_EQ(schema.find("source"), nullptr);
}

TEST(FieldSchema, ParsesASchemaFileAndGivesEachSortableFieldItsOwnSlot) {
  const FieldSchema schema = FieldSchema::parse(
      R"({"fields": {"source": "keyword", "date": "date", "price": "number", "author": "text"}})");
  ASSERT_NE(schema.find("source"), nullptr);
  EXPECT_EQ(schema.find("author")->type, FieldType::kText);
  EXPECT_EQ(schema.find("author")->slot, 0u);
  std::set<unsigned> slots;
  for (const FieldSpec& field : schema.fields()) {
    if (field.type == FieldType::kText) continue;
    EXPECT_GE(field.slot, FieldSchema::kFirstFieldSlot) << field.name;
    EXPECT_TRUE(slots.insert(field.slot).second) << field.name << " shares slot " << field.slot;
  }
  EXPECT_EQ(slots.size(), 6u);  // three built-in, three declared
}

TEST(FieldSchema, RefusesBadSchemaFilesNamingTheProblem) {
  auto message = [](std::string_view json) {
    try {
      FieldSchema::parse(json);
    } catch (const InvalidArgument& e) {
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  EXPECT_NE(message("{").find("not valid JSON"), std::string::npos);
  EXPECT_NE(message(R"({"source": "keyword"})").find("expected"), std::string::npos);
  EXPECT_NE(message(R"({"fields": {"price": "money"}})").find("price"), std::string::npos);
  EXPECT_NE(message(R"({"fields": {"Price": "number"}})").find("not a field name"),
            std::string::npos);
  EXPECT_NE(message(R"({"fields": {"title": "text"}})").find("not a field name"),
            std::string::npos);
  EXPECT_NE(message(R"({"fields": {"size": "keyword"}})").find("built-in"), std::string::npos);
  EXPECT_EQ(message(R"({"fields": {"size": "number"}})"), "(accepted)");
}

TEST(FieldSchema, MetadataRoundTripKeepsSlots) {
  FieldSchema schema = FieldSchema::parse(R"({"fields": {"b": "keyword", "a": "number"}})");
  const FieldSchema read = FieldSchema::from_metadata(schema.to_metadata());
  ASSERT_EQ(read.fields().size(), schema.fields().size());
  for (const FieldSpec& field : schema.fields()) {
    ASSERT_NE(read.find(field.name), nullptr);
    EXPECT_EQ(read.find(field.name)->slot, field.slot);
    EXPECT_EQ(read.find(field.name)->type, field.type);
  }
  EXPECT_EQ(FieldSchema::from_metadata("").fields().size(), FieldSchema().fields().size());
  EXPECT_THROW(FieldSchema::from_metadata("{oops"), InvalidArgument);
  // Damaged metadata is refused, never taken as a field in lisan's own slots.
  for (const char* damaged :
       {"[1]", R"([{"name":"a","type":"keyword","slot":"x","builtin":false}])",
        R"([{"name":"a","type":"keyword","slot":0,"builtin":false}])",
        R"([{"name":"a","type":"money","slot":10,"builtin":false}])"}) {
    EXPECT_THROW(FieldSchema::from_metadata(damaged), InvalidArgument) << damaged;
  }
}

TEST(FieldSchema, MergeAddsFieldsKeepsOldSlotsAndRefusesATypeChange) {
  FieldSchema index = FieldSchema::parse(R"({"fields": {"source": "keyword"}})");
  const unsigned source_slot = index.find("source")->slot;
  index.merge(FieldSchema::parse(R"({"fields": {"price": "number", "source": "keyword"}})"));
  EXPECT_EQ(index.find("source")->slot, source_slot);
  ASSERT_NE(index.find("price"), nullptr);
  EXPECT_NE(index.find("price")->slot, source_slot);
  try {
    index.merge(FieldSchema::parse(R"({"fields": {"price": "keyword", "tags": "keyword"}})"));
    FAIL() << "a type change was accepted";
  } catch (const InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("re-index"), std::string::npos) << e.what();
  }
  EXPECT_EQ(index.find("tags"), nullptr);  // nothing changed
}

TEST(FieldValues, ChecksEachTypeWithAMessage) {
  const FieldSchema schema =
      FieldSchema::parse(R"({"fields": {"k": "keyword", "n": "number", "d": "date"}})");
  EXPECT_EQ(check_field_value(*schema.find("n"), "12.5"), "");
  EXPECT_EQ(check_field_value(*schema.find("n"), "-3"), "");
  EXPECT_EQ(check_field_value(*schema.find("n"), "abc"), "\"abc\" is not a number");
  EXPECT_EQ(check_field_value(*schema.find("n"), "12abc"), "\"12abc\" is not a number");
  EXPECT_EQ(check_field_value(*schema.find("d"), "2025-11-03"), "");
  EXPECT_EQ(check_field_value(*schema.find("d"), "2025-11-03T10:30:00+03:00"), "");
  EXPECT_NE(check_field_value(*schema.find("d"), "2025-02-30"), "");
  EXPECT_NE(check_field_value(*schema.find("d"), "yesterday"), "");
  EXPECT_EQ(check_field_value(*schema.find("k"), "aljazeera"), "");
  EXPECT_NE(check_field_value(*schema.find("k"), ""), "");
  EXPECT_NE(check_field_value(*schema.find("k"), "a\nb"), "");
  EXPECT_NE(check_field_value(*schema.find("k"), std::string(300, 'x')), "");
}

TEST(FieldValues, DatesAreUtcPeriods) {
  const auto day = parse_field_date("2025-11-03");
  ASSERT_TRUE(day);
  EXPECT_EQ(day->first, 1762128000);  // date -u -d 2025-11-03 +%s
  EXPECT_EQ(day->last, day->first + 86399);
  const auto month = parse_field_date("2024-02");
  ASSERT_TRUE(month);
  EXPECT_EQ(month->last - month->first + 1, 29 * 86400);  // a leap year's February
  const auto year = parse_field_date("2025");
  ASSERT_TRUE(year);
  EXPECT_EQ(year->last - year->first + 1, 365 * 86400);
  const auto moment = parse_field_date("2025-11-03T10:30:00+03:00");
  ASSERT_TRUE(moment);
  EXPECT_EQ(moment->first, 1762128000 + 7 * 3600 + 30 * 60);
  EXPECT_EQ(format_field_date(1762128000 + 50), "2025-11-03");
  EXPECT_EQ(format_field_date(0), "1970-01-01");
  EXPECT_EQ(format_field_date(-1), "1969-12-31");
  EXPECT_FALSE(parse_field_date("2025-13"));
  EXPECT_FALSE(parse_field_date("2025-11-03T25:00"));
  EXPECT_FALSE(parse_field_date("2025-11-03 junk"));
}

TEST(FieldValues, SortableNumbersSortAsNumbers) {
  EXPECT_LT(sortable_field_number(-5), sortable_field_number(2));
  EXPECT_LT(sortable_field_number(2), sortable_field_number(10));
  EXPECT_LT(sortable_field_number(10), sortable_field_number(10.5));
  EXPECT_DOUBLE_EQ(sortable_field_number_value(sortable_field_number(12.25)), 12.25);
}

TEST(FieldValues, KeywordListsRoundTripThroughTheSlot) {
  const std::vector<std::string> values = {"a", "b c", "d"};
  EXPECT_EQ(split_keyword_values(join_keyword_values(values)), values);
  EXPECT_TRUE(split_keyword_values("").empty());
  EXPECT_EQ(keyword_term(*FieldSchema().find("path"), "news"), "XFPATH:news");
}

TEST(StoredFields, SurviveTheDocumentData) {
  StoredDocument doc;
  doc.id = "a";
  doc.text = "text";
  doc.fields = {{"source", {"aljazeera"}}, {"tags", {"x", "y\"z"}}};
  const std::string data = serialize_document_data(doc);
  EXPECT_EQ(data.rfind("{\"fields\":{\"source\":[\"aljazeera\"],", 0), 0u) << data;
  const StoredDocument read = parse_document_data(data);
  EXPECT_EQ(read.fields, doc.fields);
  EXPECT_EQ(read.id, "a");
  EXPECT_EQ(read.text, "text");
}

}  // namespace
}  // namespace lisan
