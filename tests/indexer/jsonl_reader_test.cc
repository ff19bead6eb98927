#include <gtest/gtest.h>

#include <sstream>

#include "lisan/format/internal/json_parser.h"
#include "lisan/indexer/jsonl.h"

namespace lisan {
namespace {

TEST(JsonlReader, ReadsRecordsWithOptionalFields) {
  std::istringstream in(
      R"({"id": "a", "text": "hello", "title": "T", "lang": "en", "url": "https://x"})"
      "\n"
      R"({"id": "b", "text": "halo"})"
      "\n");
  JsonlReader reader(in, 1 << 20);
  auto first = reader.next();
  ASSERT_TRUE(first && first->document);
  EXPECT_EQ(first->line, 1u);
  EXPECT_EQ(first->document->id, "a");
  EXPECT_EQ(first->document->title, "T");
  EXPECT_EQ(first->document->url, "https://x");
  EXPECT_EQ(first->document->language, Language::kEnglish);
  auto second = reader.next();
  ASSERT_TRUE(second && second->document);
  EXPECT_EQ(second->line, 2u);
  EXPECT_FALSE(second->document->language.has_value());
  EXPECT_FALSE(reader.next().has_value());
}

TEST(JsonlReader, RejectsBadLinesWithTheirNumberAndGoesOn) {
  std::istringstream in(
      "{\"id\": \"a\", \"text\": \"ok\"}\n"
      "not json\n"
      "\n"
      "{\"text\": \"no id\"}\n"
      "{\"id\": \"c\"}\n"
      "[1, 2]\n"
      "{\"id\": \"d\", \"text\": \"x\", \"lang\": \"fr\"}\n"
      "{\"id\": \"e\", \"text\": \"last, no newline\"}");
  JsonlReader reader(in, 1 << 20);
  std::vector<std::pair<std::uint64_t, std::string>> seen;
  while (auto record = reader.next()) {
    seen.emplace_back(record->line, record->document ? record->document->id : record->error);
  }
  const std::vector<std::pair<std::uint64_t, std::string>> expected = {
      {1, "a"},
      {2, "not valid JSON"},
      {4, "missing \"id\""},
      {5, "missing \"text\""},
      {6, "not a JSON object"},
      {7, "\"lang\" is not one of ar, id, en, und"},
      {8, "e"}};
  EXPECT_EQ(seen, expected);
}

TEST(JsonlReader, RejectsOverlongLinesWithoutStoringThem) {
  const std::string long_text(200'000, 'x');
  std::istringstream in("{\"id\": \"big\", \"text\": \"" + long_text +
                        "\"}\n{\"id\": \"s\", \"text\": \"y\"}\n");
  JsonlReader reader(in, 100'000);
  auto first = reader.next();
  ASSERT_TRUE(first);
  EXPECT_FALSE(first->document);
  EXPECT_EQ(first->line, 1u);
  auto second = reader.next();
  ASSERT_TRUE(second && second->document);
  EXPECT_EQ(second->document->id, "s");
  EXPECT_EQ(second->line, 2u);
}

// Editors on Windows save UTF-8 with a byte order mark; JSON allows a
// parser to ignore it (RFC 8259, 8.1), and losing the first line to it is
// worse. It is skipped at the start of any line, so that JSONL files joined
// with `cat` keep their first lines too.
TEST(JsonlReader, AByteOrderMarkAtTheStartOfALineIsSkipped) {
  std::istringstream in(
      "\xEF\xBB\xBF{\"id\": \"a\", \"text\": \"first\"}\n"
      "\xEF\xBB\xBF{\"id\": \"b\", \"text\": \"joined by cat\"}\n"
      "\xEF\xBB\xBF\n"
      "{\"id\": \"c\", \"text\": \"inside \xEF\xBB\xBF a string\"}\n");
  JsonlReader reader(in, 1 << 20);
  std::vector<std::pair<std::uint64_t, std::string>> seen;
  while (auto record = reader.next()) {
    seen.emplace_back(record->line, record->document ? record->document->id : record->error);
  }
  const std::vector<std::pair<std::uint64_t, std::string>> expected = {
      {1, "a"}, {2, "b"}, {4, "c"}};
  EXPECT_EQ(seen, expected);
  const JsonlRecord alone = parse_jsonl_line("\xEF\xBB\xBF{\"id\": \"d\", \"text\": \"t\"}", 1);
  ASSERT_TRUE(alone.document) << alone.error;
  EXPECT_EQ(alone.document->id, "d");
  // Only a mark before the JSON text is skipped; one after it is still an error.
  EXPECT_EQ(parse_jsonl_line("{\"id\": \"e\", \"text\": \"t\"}\xEF\xBB\xBF", 1).error,
            "not valid JSON");
}

TEST(JsonlReader, NumericIdsAreAccepted) {
  const JsonlRecord record = parse_jsonl_line(R"({"id": 42, "text": "t"})", 1);
  ASSERT_TRUE(record.document);
  EXPECT_EQ(record.document->id, "42");
}

TEST(JsonlReader, UnescapesStringsAndRefusesWhatIsNotStrictJson) {
  const JsonlRecord escaped = parse_jsonl_line(
      R"({"id": "x\"1", "text": "\u0627\u0644 line\nbreak \ud83d\ude00", "title": null})", 3);
  ASSERT_TRUE(escaped.document) << escaped.error;
  EXPECT_EQ(escaped.document->id, "x\"1");
  EXPECT_EQ(escaped.document->text, "\u0627\u0644 line\nbreak \U0001F600");
  EXPECT_EQ(escaped.document->title, "");
  for (const char* bad : {
           "{\"id\": \"a\", \"text\": \"t\",}",       // trailing comma
           "{\"id\": \"a\", \"text\": \"t\"} extra",  // text after the object
           "{\"id\": \"a\", \"text\": \"t\xFF\"",     // ill-formed UTF-8, and cut short
           "{\"id\": \"a\", \"text\": \"\\ud800\"}",  // lone surrogate
           "{'id': 'a', 'text': 't'}",                // not JSON quotes
       }) {
    const JsonlRecord record = parse_jsonl_line(bad, 9);
    EXPECT_FALSE(record.document) << bad;
    EXPECT_EQ(record.error, "not valid JSON") << bad;
  }
  EXPECT_EQ(parse_jsonl_line(R"({"id": 1.5, "text": "t"})", 1).error,
            "\"id\" is not a non-empty string");
  EXPECT_EQ(parse_jsonl_line(R"({"id": "a", "text": ["t"]})", 1).error, "\"text\" is not a string");
  EXPECT_EQ(parse_jsonl_line(R"({"id": "a", "text": "t", "url": 3})", 1).error,
            "\"url\" is not a string");
}

// Bad bytes in a line's strings are replaced by U+FFFD and counted: the
// document is kept, as a text file with a few bad bytes is.
TEST(JsonlReader, InvalidUtf8InStringsIsRepairedAndCounted) {
  const JsonlRecord record =
      parse_jsonl_line("{\"id\": \"a\", \"text\": \"ok \xFF\xFE here\", \"title\": \"t\xC3\"}", 4);
  ASSERT_TRUE(record.document) << record.error;
  EXPECT_EQ(record.document->text, "ok \uFFFD\uFFFD here");
  EXPECT_EQ(record.document->title, "t\uFFFD");
  EXPECT_EQ(record.repaired_utf8, 3u);
  EXPECT_EQ(parse_jsonl_line(R"({"id": "a", "text": "fine"})", 1).repaired_utf8, 0u);
}

// A parse of a huge line must not leave its buffers with the thread.
TEST(JsonlReader, AHugeLineDoesNotKeepItsBuffers) {
  const std::string text(20U << 20, 'x');
  const JsonlRecord record = parse_jsonl_line("{\"id\": \"big\", \"text\": \"" + text + "\"}", 1);
  ASSERT_TRUE(record.document);
  EXPECT_EQ(record.document->text.size(), text.size());
  EXPECT_LE(internal::thread_json_parser().capacity(), internal::kKeptJsonParserCapacity);
}

}  // namespace
}  // namespace lisan
