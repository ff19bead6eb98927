// The parts of a snippet, each on its own with hand-made query terms and
// tokens, no index: reading with its stop rules, choosing the window,
// cutting the passage, marking it.
#include "snippet.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lisan/analyzers/name_key.h"
#include "lisan/format/schema.h"
#include "snippet_parts.h"

namespace lisan::internal {
namespace {

using Marks = std::vector<std::pair<std::size_t, std::size_t>>;

// Query terms with one query word per exact term given.
QueryTerms exact_terms(const std::vector<std::string>& words) {
  QueryTerms terms;
  for (const std::string& word : words) {
    terms.begin_word();
    terms.add_exact(word);
  }
  return terms;
}

Token token_at(std::string_view text, std::size_t begin, std::size_t end) {
  Token token;
  token.term = token.stem = text.substr(begin, end - begin);
  token.begin = static_cast<std::uint32_t>(begin);
  token.end = static_cast<std::uint32_t>(end);
  return token;
}

bool separates_words(char c) { return std::string_view(" .,!?").find(c) != std::string_view::npos; }

// The words of `text` (runs of bytes between spaces and ASCII punctuation),
// each its own term and stem, read until the reader stops.
ReadWords read_text(std::string_view text, const QueryTerms& terms, std::size_t max_chars,
                    const TextWords& text_words = {}) {
  SnippetReader reader(text, terms, max_chars, text_words);
  for (std::size_t begin = 0; begin < text.size();) {
    std::size_t end = begin;
    while (end < text.size() && !separates_words(text[end])) ++end;
    if (end > begin && !reader.read(token_at(text, begin, end))) break;
    begin = end + 1;
  }
  return std::move(reader).take();
}

std::string repeat(std::string_view word, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out.append(word);
  return out;
}

std::string_view passage_text(std::string_view text, Passage passage) {
  return text.substr(passage.begin, passage.end - passage.begin);
}

// ---- QueryWordMatcher ----

TEST(QueryWordMatcherTest, MatchesTheUnstemmedTerm) {
  const QueryTerms terms = exact_terms({"river", "town"});
  QueryWordMatcher matcher(terms);
  const std::string_view text = "town river bridge";
  EXPECT_EQ(matcher.match(token_at(text, 0, 4), text), WordMask{2});
  EXPECT_EQ(matcher.match(token_at(text, 5, 10), text), WordMask{1});
  EXPECT_EQ(matcher.match(token_at(text, 11, 17), text), WordMask{0});
}

TEST(QueryWordMatcherTest, MatchesTheStemOfItsOwnLanguageOnly) {
  QueryTerms terms;
  terms.begin_word();
  terms.add_stem(std::string(schema::kEnglishStemPrefix) + "run");
  QueryWordMatcher matcher(terms);
  const std::string_view text = "running";
  Token token = token_at(text, 0, 7);
  token.stem = "run";
  token.stem_language = Language::kEnglish;
  EXPECT_EQ(matcher.match(token, text), WordMask{1});
  token.stem_language = Language::kIndonesian;
  EXPECT_EQ(matcher.match(token, text), WordMask{0});
}

TEST(QueryWordMatcherTest, MatchesANameKeyOfTheScriptTheQueryHasKeysFor) {
  const std::string_view text = "Tokayev said";
  Token token = token_at(text, 0, 7);
  token.term = "tokayev";
  QueryTerms latin;
  latin.begin_word();
  latin.add_name_key(std::string(schema::kLatinNameKeyPrefix) + name_key("tokayev"));
  EXPECT_EQ(QueryWordMatcher(latin).match(token, text), WordMask{1});
  QueryTerms arabic;  // the same key, but of Arabic-script words only
  arabic.begin_word();
  arabic.add_name_key(std::string(schema::kArabicNameKeyPrefix) + name_key("tokayev"));
  EXPECT_EQ(QueryWordMatcher(arabic).match(token, text), WordMask{0});
}

// ---- SnippetReader ----

TEST(SnippetReaderTest, CountsCharactersNotBytes) {
  const ReadWords read = read_text("é xé y", exact_terms({"y"}), 200);
  ASSERT_EQ(read.words.size(), 3u);
  EXPECT_EQ(read.words[1].begin, 3u);
  EXPECT_EQ(read.words[1].chars_before_begin, 2u);
  EXPECT_EQ(read.words[1].chars_before_end, 4u);
  EXPECT_EQ(read.words[2].chars_before_begin, 5u);
  EXPECT_EQ(read.words[2].words, WordMask{1});
  EXPECT_TRUE(read.read_all);
}

TEST(SnippetReaderTest, StopsAPassageAfterTheFirstRunHoldingEveryQueryWord) {
  // "aa" at character 0: nothing read past character 10 can share its passage.
  const ReadWords read = read_text("aa bb cc dd ee ff", exact_terms({"aa"}), 10);
  ASSERT_EQ(read.words.size(), 4u);  // aa bb cc dd; ee starts at 12
  EXPECT_FALSE(read.read_all);
}

TEST(SnippetReaderTest, ReadsOnWhileTheQueryWordsAreFurtherApartThanAPassage) {
  const ReadWords read = read_text("aa bb cc dd zz ee", exact_terms({"aa", "zz"}), 5);
  EXPECT_EQ(read.words.size(), 6u);
  EXPECT_TRUE(read.read_all);
}

TEST(SnippetReaderTest, PastTheScanBytesReadsOnlyTheRoomAfterTheLastMatch) {
  const std::size_t max_chars = 10;
  std::string text = repeat("bb ", kSnippetScanBytes / 3 + 1);
  const std::size_t match_begin = text.size();
  text += "aa " + repeat("bb ", 100);
  // "zz" never comes: only the scan rule stops reading.
  const ReadWords read = read_text(text, exact_terms({"aa", "zz"}), max_chars);
  EXPECT_FALSE(read.read_all);
  const std::size_t scan_end = match_begin + 2 + max_chars * kMaxBytesPerChar;
  EXPECT_LE(read.words.back().begin, scan_end);
  EXPECT_GT(read.words.back().begin + 3, scan_end);  // the next word starts past it
}

TEST(SnippetReaderTest, AsksTheTextWordsOnceAndStopsWhenTheTextHoldsNone) {
  int calls = 0;
  WordMask asked = 0;
  const TextWords text_words = [&](WordMask words) {
    ++calls;
    asked = words;
    return WordMask{0};
  };
  const std::string text = repeat("bb ", 1000);
  const ReadWords read = read_text(text, exact_terms({"zz"}), 200, text_words);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(asked, WordMask{1});
  EXPECT_FALSE(read.read_all);
  EXPECT_LT(read.words.back().begin, kAskTextWordsAfterBytes);
  EXPECT_EQ(read.words.size(), (kAskTextWordsAfterBytes + 2) / 3);
}

TEST(SnippetReaderTest, StopsAtThePassageOfTheWordsTheTextHolds) {
  int calls = 0;
  WordMask asked = 0;
  const TextWords text_words = [&](WordMask words) {
    ++calls;
    asked = words;
    return WordMask{0};  // the text lacks "zz"
  };
  const std::string text = "aa " + repeat("bb ", 1000);
  const ReadWords read = read_text(text, exact_terms({"aa", "zz"}), 10, text_words);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(asked, WordMask{2});
  EXPECT_FALSE(read.read_all);
  // Asked at the first word past kAskTextWordsAfterBytes, which is past
  // aa's passage: that word is not kept.
  EXPECT_LT(read.words.back().begin, kAskTextWordsAfterBytes);
}

// ---- choose_window ----

WordSpan span(std::size_t begin, std::size_t end, WordMask words) {
  return WordSpan{begin, end, words, begin, end};  // one byte a character
}

TEST(ChooseWindowTest, NoneWithoutAMatch) {
  EXPECT_FALSE(choose_window({span(0, 2, 0), span(3, 5, 0)}, 10));
}

TEST(ChooseWindowTest, MoreQueryWordsBeatMoreMatches) {
  const std::vector<WordSpan> words{span(0, 2, 1),   span(3, 5, 1),   span(6, 8, 1),
                                    span(20, 22, 1), span(23, 25, 2), span(40, 42, 0)};
  const std::optional<Window> window = choose_window(words, 10);
  ASSERT_TRUE(window);
  EXPECT_EQ(window->first, 3u);
  EXPECT_EQ(window->last_match, 4u);
}

TEST(ChooseWindowTest, TheEarliestOfEqualWindowsEndingAtItsLastMatch) {
  const std::vector<WordSpan> words{span(0, 2, 1), span(3, 5, 0), span(6, 8, 0), span(20, 22, 1)};
  const std::optional<Window> window = choose_window(words, 10);
  ASSERT_TRUE(window);
  EXPECT_EQ(window->first, 0u);
  EXPECT_EQ(window->last_match, 0u);
}

TEST(ChooseWindowTest, MoreMatchesBreakATie) {
  const std::vector<WordSpan> words{span(0, 2, 1), span(20, 22, 1), span(23, 25, 1)};
  const std::optional<Window> window = choose_window(words, 10);
  ASSERT_TRUE(window);
  EXPECT_EQ(window->first, 1u);
  EXPECT_EQ(window->last_match, 2u);
}

// ---- cut_passage ----

TEST(CutPassageTest, TheWordsAtTheStartWithoutAWindow) {
  const std::string_view text = "aa bb cc dd";
  const ReadWords read = read_text(text, exact_terms({"zz"}), 5);
  EXPECT_EQ(passage_text(text, cut_passage(text, read.words, std::nullopt, 5, read.read_all)),
            "aa bb");
}

TEST(CutPassageTest, ContextStartsAtASentenceStartWhenOneIsClose) {
  const std::string_view text = "xx yy. aa bb cc dd ee ff gg hh";
  const ReadWords read = read_text(text, exact_terms({"cc"}), 20);
  const Window window{4, 4};
  EXPECT_EQ(passage_text(text, cut_passage(text, read.words, window, 20, read.read_all)),
            "aa bb cc dd ee ff gg");
}

TEST(CutPassageTest, ContextGoesBackAThirdOfTheRoomWithoutASentenceStart) {
  const std::string_view text = "aa bb cc dd ee ff gg hh ii";
  const ReadWords read = read_text(text, exact_terms({"ee"}), 14);
  const Window window{4, 4};
  EXPECT_EQ(passage_text(text, cut_passage(text, read.words, window, 14, read.read_all)),
            "dd ee ff gg hh");
}

TEST(CutPassageTest, TheTextAfterTheLastWordJoinsOnlyWhenAllWasRead) {
  const std::string_view text = "aa bb.";
  const ReadWords read = read_text(text, exact_terms({"aa"}), 20);
  const Window window{0, 0};
  EXPECT_EQ(passage_text(text, cut_passage(text, read.words, window, 20, true)), "aa bb.");
  EXPECT_EQ(passage_text(text, cut_passage(text, read.words, window, 20, false)), "aa bb");
}

TEST(CutPassageTest, NeverMoreThanFourBytesACharacter) {
  // The trailing text may take kMaxTrailingChars past a small room; the
  // byte limit still holds.
  const std::string_view text = "aa !!!!!!!!!!";
  const ReadWords read = read_text(text, exact_terms({"aa"}), 2);
  const Passage passage = cut_passage(text, read.words, Window{0, 0}, 2, true);
  EXPECT_EQ(passage_text(text, passage), "aa !!!!!");
}

// ---- mark_passage ----

TEST(MarkPassageTest, MarksTheMatchesInsideAndShowsWhereTheTextIsCut) {
  const std::string_view text = "xx aa bb aa";
  const ReadWords read = read_text(text, exact_terms({"aa"}), 200);
  const MarkedText marked = mark_passage(text, text, read.words, Passage{3, 8});
  EXPECT_EQ(marked.text, "…aa bb…");
  EXPECT_EQ(marked.marks, (Marks{{3, 5}}));  // after the 3 bytes of "…"
}

TEST(MarkPassageTest, AnEllipsisWhereOnlyTheHeadWasRead) {
  const std::string whole = "aa" + repeat(" ", 10);
  const std::string_view head = std::string_view(whole).substr(0, 2);
  const ReadWords read = read_text(head, exact_terms({"aa"}), 200);
  const MarkedText marked = mark_passage(whole, head, read.words, Passage{0, 2});
  EXPECT_EQ(marked.text, "aa…");
  EXPECT_EQ(marked.marks, (Marks{{0, 2}}));
}

// ---- snippet_head and make_snippet ----

TEST(SnippetHeadTest, CutsAtACharacterBoundary) {
  const std::string whole = repeat("a", kMaxSnippetScanBytes - 1) + "é" + "b";
  EXPECT_EQ(snippet_head(whole).size(), kMaxSnippetScanBytes - 1);
  EXPECT_EQ(snippet_head("short"), "short");
}

TEST(MakeSnippetTest, AShortTextIsShownWholeWithItsMatchMarked) {
  AnalysisContext analysis;
  const std::string_view text = "The river flows past the old town.";
  const MarkedText marked =
      make_snippet(analysis, text, Language::kEnglish, exact_terms({"river"}), 200);
  EXPECT_EQ(marked.text, text);
  EXPECT_EQ(marked.marks, (Marks{{4, 9}}));
}

}  // namespace
}  // namespace lisan::internal
