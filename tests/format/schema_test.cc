// The schema constants and the document data format, on their own.
#include "lisan/format/schema.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "lisan/format/stored_document.h"

namespace lisan {
namespace {

TEST(Schema, StemPrefixesAreLanguageTaggedAndDistinct) {
  EXPECT_EQ(schema::stem_prefix(Language::kArabic), "ZA");
  EXPECT_EQ(schema::stem_prefix(Language::kIndonesian), "ZI");
  EXPECT_EQ(schema::stem_prefix(Language::kEnglish), "ZE");
  EXPECT_EQ(schema::stem_prefix(Language::kUnknown), "") << "undetermined text is not stemmed";
}

// Tokens as the analyzers make them, for the stem-term rule alone.
Token word(std::string_view term, std::string_view stem, Language lang, bool stopword = false) {
  Token token;
  token.term = term;
  token.stem = stem;
  token.stem_language = lang;
  token.is_stopword = stopword;
  return token;
}

TEST(Schema, AWordGetsAStemTermOnlyWhenItsStemSaysSomethingNew) {
  EXPECT_TRUE(schema::has_stem_term(word("running", "run", Language::kEnglish)));
  EXPECT_TRUE(schema::has_stem_term(word("الكتاب", "كتاب", Language::kArabic)));
  EXPECT_FALSE(schema::has_stem_term(word("run", "run", Language::kEnglish)))
      << "a word that is its own stem: its unstemmed term finds it";
  EXPECT_FALSE(schema::has_stem_term(word("the", "the", Language::kEnglish, true)));
  EXPECT_FALSE(schema::has_stem_term(word("yang", "yang", Language::kIndonesian, true)));
  EXPECT_FALSE(schema::has_stem_term(word("2026", "2026", Language::kUnknown)));
}

TEST(Schema, AStemIsLookedUpUnderBothTermsAWordMayHaveIt) {
  const auto [stem_term, plain] = schema::stem_lookup_terms(Language::kIndonesian, "main");
  EXPECT_EQ(stem_term, "ZImain") << "words that differ from their stem (bermain)";
  EXPECT_EQ(plain, "main") << "a word that is its own stem has only its unstemmed term";
  std::string buffer = "left over";
  EXPECT_EQ(schema::assign_stem_term(buffer, Language::kArabic, "كتب"), "ZAكتب");
  EXPECT_EQ(buffer, "ZAكتب");
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

// The stored data must be the bytes nlohmann::json writes for the same object
// (indexes written before and after the hand-written writer stay identical,
// and re-runs stay idempotent), for every kind of character.
std::string nlohmann_data(const StoredDocument& doc) {
  nlohmann::json object = {{"id", doc.id},     {"title", doc.title},   {"url", doc.url},
                           {"lang", doc.lang}, {"source", doc.source}, {"size", doc.size},
                           {"text", doc.text}};
  return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

TEST(StoredDocument, WritesTheBytesNlohmannWrites) {
  StoredDocument doc;
  doc.id = "a\"b\\c.txt";
  doc.title = "كازاخستان\t«Tokayev»\x7f";
  doc.url = "https://example.com/?q=a&b=<c>/";
  doc.lang = "en";
  doc.source = "";
  doc.size = 18446744073709551615ull;
  for (int c = 0; c < 0x20; ++c) doc.text.push_back(static_cast<char>(c));
  doc.text += "end \xF0\x9F\x98\x80 واشنطن";
  EXPECT_EQ(serialize_document_data(doc), nlohmann_data(doc));
  EXPECT_EQ(serialize_document_data(StoredDocument{}), nlohmann_data(StoredDocument{}));
}

TEST(StoredDocument, WritesTheBytesNlohmannWritesForRandomText) {
  // Seeded, so a failure repeats: text from a small alphabet of ASCII,
  // control characters, quotes, backslashes and multi-byte letters at the
  // edges of well-formed UTF-8, and in some rounds the ill-formed sequences
  // at the end (overlong, surrogate, above U+10FFFF, cut short), which the
  // writer must notice.
  const char* const pieces[] = {"a",
                                " ",
                                "\"",
                                "\\",
                                "\n",
                                "\x01",
                                "\x1f",
                                "\x7f",
                                "ي",
                                "é",
                                "\xE2\x80\xAF",
                                "\xF0\x9F\x98\x80",
                                "\xE0\xA0\x80",
                                "\xED\x9F\xBF",
                                "\xF0\x90\x80\x80",
                                "\xF4\x8F\xBF\xBF",
                                "\xFF",
                                "\xC3",
                                "\xC0\x80",
                                "\xED\xA0\x80",
                                "\xF4\x90\x80\x80",
                                "\xE2\x82"};
  constexpr std::size_t kIllFormed = 6;
  std::mt19937 random(7);
  for (int round = 0; round < 1000; ++round) {
    const std::size_t alphabet = std::size(pieces) - (round % 5 == 0 ? 0 : kIllFormed);
    StoredDocument doc;
    for (std::string* field : {&doc.id, &doc.title, &doc.text}) {
      const int length = static_cast<int>(random() % 40);
      for (int i = 0; i < length; ++i) *field += pieces[random() % alphabet];
    }
    doc.size = random();
    ASSERT_EQ(serialize_document_data(doc), nlohmann_data(doc)) << "round " << round;
  }
}

}  // namespace
}  // namespace lisan
