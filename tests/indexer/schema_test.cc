// The schema constants and the document data format, on their own.
#include "lisan/indexer/schema.h"

#include <gtest/gtest.h>

#include <set>

#include "lisan/indexer/stored_document.h"

namespace lisan {
namespace {

TEST(Schema, StemPrefixesAreLanguageTaggedAndDistinct) {
  EXPECT_EQ(schema::stem_prefix(Language::kArabic), "ZA");
  EXPECT_EQ(schema::stem_prefix(Language::kIndonesian), "ZI");
  EXPECT_EQ(schema::stem_prefix(Language::kEnglish), "ZE");
  EXPECT_EQ(schema::stem_prefix(Language::kUnknown), "") << "undetermined text is not stemmed";
}

TEST(Schema, PrefixesFollowOmegaAndDoNotShadowEachOther) {
  const std::set<std::string_view> prefixes = {
      schema::kIdPrefix,         schema::kLanguagePrefix,       schema::kTitlePrefix,
      schema::kArabicStemPrefix, schema::kIndonesianStemPrefix, schema::kEnglishStemPrefix,
      schema::kNameKeyPrefix};
  EXPECT_EQ(prefixes.size(), 7u);
  for (std::string_view prefix : prefixes) {
    // Omega: a prefix is capital ASCII letters; a multi-letter one that is
    // not Omega's own starts with X (or extends Z, the stem prefix).
    for (char c : prefix) EXPECT_TRUE(c >= 'A' && c <= 'Z') << prefix;
    if (prefix.size() > 1) {
      EXPECT_TRUE(prefix[0] == 'X' || prefix[0] == 'Z') << prefix;
    }
  }
}

TEST(StoredDocument, RoundTripsEveryField) {
  StoredDocument doc;
  doc.id = "sub/a.txt";
  doc.title = "كازاخستان \"quoted\"";
  doc.url = "https://example.com/a";
  doc.lang = "ar";
  doc.source = "/data/sub/a.txt";
  doc.size = 1234567890123ull;
  doc.text = "line one\nline two\ttab";
  const StoredDocument back = parse_document_data(serialize_document_data(doc));
  EXPECT_EQ(back.id, doc.id);
  EXPECT_EQ(back.title, doc.title);
  EXPECT_EQ(back.url, doc.url);
  EXPECT_EQ(back.lang, doc.lang);
  EXPECT_EQ(back.source, doc.source);
  EXPECT_EQ(back.size, doc.size);
  EXPECT_EQ(back.text, doc.text);
}

TEST(StoredDocument, IllFormedBytesInAFieldAreReplacedNotThrown) {
  StoredDocument doc;
  doc.id = "bad\xFFname.txt";
  const std::string data = serialize_document_data(doc);
  EXPECT_EQ(parse_document_data(data).id, "bad\xEF\xBF\xBDname.txt") << "U+FFFD";
}

TEST(StoredDocument, DamagedDataParsesToBlankFields) {
  EXPECT_EQ(parse_document_data("").id, "");
  EXPECT_EQ(parse_document_data("{not json").title, "");
  EXPECT_EQ(parse_document_data("[1,2]").text, "");
  const StoredDocument wrong_types = parse_document_data(R"({"id": 5, "size": "big"})");
  EXPECT_EQ(wrong_types.id, "");
  EXPECT_EQ(wrong_types.size, 0u);
}

}  // namespace
}  // namespace lisan
