// The whole analyzer: segmentation, normalization and stemming together,
// one linguistic fact a row, plus the token-stream invariants on hostile input.
#include "lisan/analyzers/analyzer.h"

#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "lisan/analyzers/normalizer.h"
#include "support/token_assertions.h"

namespace lisan {
namespace {

using testing::analyze_checked;
using testing::expect_tokens;
using testing::stem_of;
using testing::term_of;

struct StemRow {
  const char* word;
  const char* term;  // normalized, unstemmed
  const char* stem;
  const char* fact;
};

void expect_rows(Language lang, std::initializer_list<StemRow> rows) {
  AnalysisContext context;
  for (const StemRow& row : rows) {
    SCOPED_TRACE(row.fact);
    EXPECT_EQ(term_of(context, row.word, lang), row.term) << row.word;
    EXPECT_EQ(stem_of(context, row.word, lang), row.stem) << row.word;
  }
}

TEST(AnalysisContext, StemOfOneWordIsTheStemItsAnalysisGives) {
  AnalysisContext context;
  const std::pair<const char*, Language> words[] = {{"Running", Language::kEnglish},
                                                    {"pembangunan", Language::kIndonesian},
                                                    {"والمكتبة", Language::kArabic},
                                                    {"المعلمات", Language::kArabic},
                                                    {"Washington", Language::kUnknown}};
  for (const auto& [word, lang] : words) {
    std::string normalized;
    normalize_word(word, normalized, TehMarbuta::kKeep);
    const std::string alone(context.stem(normalized, lang));
    EXPECT_EQ(alone, stem_of(context, word, lang)) << word;
  }
  std::string normalized;
  normalize_word("Washington", normalized, TehMarbuta::kKeep);
  EXPECT_EQ(context.stem(normalized, Language::kUnknown), "washington");
}

TEST(ArabicAnalyzer, GoldenTable) {
  expect_rows(
      Language::kArabic,
      {
          {"الكتاب", "الكتاب", "كتاب", "definite article ال removed by the stemmer"},
          {"بالكتاب", "بالكتاب", "كتاب", "preposition ب + article removed"},
          {"والحكومة", "والحكومه", "حكوم", "conjunction و + article: same stem as الحكومة"},
          {"الحكومة", "الحكومه", "حكوم", "article and feminine ة removed"},
          {"فالكتاب", "فالكتاب", "كتاب", "conjunction ف + article"},
          {"المدرسة", "المدرسه", "مدرس", "teh marbuta folded after stemming"},
          {"مدرسة", "مدرسه", "مدرس", "same stem with and without the article"},
          {"المعلمون", "المعلمون", "معلم", "sound masculine plural (nominative) ون"},
          {"المعلمين", "المعلمين", "معلم", "sound masculine plural (oblique) ين"},
          {"المعلمات", "المعلمات", "معلم", "sound feminine plural ات"},
          {"اتفاقيات", "اتفاقيات", "اتفاق", "feminine plural ات without the article"},
          {"الاتفاقيات", "الاتفاقيات", "اتفاق", "feminine plural ات with the article"},
          {"حكومات", "حكومات", "حكوم", "feminine plural of a ة noun"},
          {"كتابهم", "كتابهم", "كتاب", "possessive suffix هم"},
          {"كتابها", "كتابها", "كتاب", "possessive suffix ها"},
          {"الصِّرَاطَ", "الصراط", "صراط", "harakat never reach the term or the stem"},
          {"أمريكا", "امريكا", "امريك", "hamza alef folded in the term, stem without final alef"},
          {"١٩٩٢", "1992", "1992", "numbers are folded and not stemmed"},
      });
}

TEST(IndonesianAnalyzer, GoldenTable) {
  expect_rows(Language::kIndonesian,
              {
                  {"membaca", "membaca", "baca", "prefix meN-"},
                  {"pembacaan", "pembacaan", "baca", "confix peN-…-an"},
                  {"dibaca", "dibaca", "baca", "passive prefix di-"},
                  {"bergabung", "bergabung", "gabung", "prefix ber-"},
                  {"pertemuan", "pertemuan", "temu", "confix per-…-an"},
                  {"perjanjian", "perjanjian", "janji", "confix per-…-an"},
                  {"keadilan", "keadilan", "adil", "confix ke-…-an"},
                  {"menghormati", "menghormati", "hormat", "prefix meN- and suffix -i"},
                  {"membacakan", "membacakan", "baca", "suffix -kan"},
                  {"terbaik", "terbaik", "baik", "prefix ter-"},
                  {"apakah", "apakah", "apa", "particle -kah"},
                  {"bacalah", "bacalah", "baca", "particle -lah"},
                  {"bukunya", "bukunya", "buku", "possessive -nya"},
                  {"rumahku", "rumahku", "rumah", "possessive -ku"},
                  {"bukumu", "bukumu", "buku", "possessive -mu"},
                  {"Pemerintah", "pemerintah", "perintah", "prefix peN-, uppercase folded"},
              });
}

TEST(EnglishAnalyzer, GoldenTable) {
  expect_rows(Language::kEnglish,
              {
                  {"running", "running", "run", "-ing with doubled consonant"},
                  {"agreements", "agreements", "agreement", "plural -s"},
                  {"countries", "countries", "countri", "-ies (Snowball's stem, not a word)"},
                  {"Accords", "accords", "accord", "capitalised plural"},
                  {"Kazakhstan's", "kazakhstan's", "kazakhstan", "possessive 's"},
                  {"Kazakhstan’s", "kazakhstan's", "kazakhstan", "typographic apostrophe"},
                  {"generously", "generously", "generous", "-ly"},
              });
}

TEST(Analyzer, OffsetsArePositionsInTheOriginalBytes) {
  AnalysisContext context;
  expect_tokens(context, "Tokayev met Trump.", Language::kEnglish,
                {{"tokayev", 0, 7, 1}, {"met", 8, 11, 2}, {"trump", 12, 17, 3}});
  // Arabic letters are two bytes; harakat stay inside the word's offsets.
  expect_tokens(context, "قالَ ترامب", Language::kArabic, {{"قال", 0, 8, 1}, {"ترامب", 9, 19, 2}});
  // Hyphenated and reduplicated words are separate words (UAX #29).
  expect_tokens(context, "negara-negara", Language::kIndonesian,
                {{"negara", 0, 6, 1}, {"negara", 7, 13, 2}});
}

TEST(Analyzer, ArabicWordsStemAsArabicInAnyDocument) {
  AnalysisContext context;
  TokenStream tokens = context.analyze("Trump met الرئيس", Language::kEnglish);
  std::vector<Language> languages;
  while (const Token* t = tokens.next()) languages.push_back(t->stem_language);
  EXPECT_EQ(languages,
            (std::vector<Language>{Language::kEnglish, Language::kEnglish, Language::kArabic}));
}

TEST(Analyzer, UnknownLanguageIsNotStemmed) {
  AnalysisContext context;
  EXPECT_EQ(stem_of(context, "running", Language::kUnknown), "running");
}

TEST(Analyzer, MarksStopwordsOfTheLanguage) {
  AnalysisContext context;
  TokenStream tokens = context.analyze("the peace of", Language::kEnglish);
  std::vector<bool> stop;
  while (const Token* t = tokens.next()) stop.push_back(t->is_stopword);
  EXPECT_EQ(stop, (std::vector<bool>{true, false, true}));
}

TEST(Analyzer, EmptyAndBlankInputGiveNoTokens) {
  AnalysisContext context;
  EXPECT_TRUE(analyze_checked(context, "", Language::kEnglish).empty());
  EXPECT_TRUE(analyze_checked(context, "   \n\t ", Language::kArabic).empty());
  EXPECT_TRUE(analyze_checked(context, "... !!! ،،،", Language::kUnknown).empty());
}

TEST(Analyzer, InvalidUtf8SeparatesWordsAndIsCounted) {
  AnalysisContext context;
  const std::string text =
      "good\xFF"
      "bytes \xC3 end";
  TokenStream tokens = context.analyze(text, Language::kEnglish);
  std::vector<std::string> terms;
  while (const Token* t = tokens.next()) terms.emplace_back(t->term);
  EXPECT_EQ(terms, (std::vector<std::string>{"good", "bytes", "end"}));
  EXPECT_EQ(tokens.invalid_utf8(), 2u);
}

TEST(Analyzer, OverlongWordsAreDropped) {
  AnalysisContext context;
  const std::string text = "short " + std::string(kMaxTermBytes + 1, 'x') + " tail";
  const auto tokens = analyze_checked(context, text, Language::kEnglish);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[1].term, "tail");
  EXPECT_EQ(tokens[1].position, 2u);
}

TEST(Analyzer, RandomBytesKeepEveryInvariant) {
  AnalysisContext context;
  std::mt19937 random(20261125);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> length(0, 400);
  // Bias towards bytes of UTF-8 Arabic and ASCII so that words do form.
  const std::string alphabet = "abc XYZ 12 \xD8\xA7\xD9\x84\xD9\x83 \xD9\x8E\xC3\xA9";
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const int n = length(random);
    for (int i = 0; i < n; ++i) {
      text += (round % 2 == 0) ? static_cast<char>(byte(random))
                               : alphabet[static_cast<std::size_t>(byte(random)) % alphabet.size()];
    }
    analyze_checked(context, text, static_cast<Language>(round % 4));
  }
}

TEST(Analyzer, ContextsOnSeveralThreadsAgree) {
  const std::string text = "Kazakhstan bergabung dengan Abraham Accords; كازاخستان تنضم";
  AnalysisContext reference_context;
  const auto reference = testing::collect_tokens(reference_context, text, Language::kIndonesian);
  std::vector<std::vector<testing::CollectedToken>> results(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      AnalysisContext context;
      for (int k = 0; k < 50; ++k)
        results[i] = testing::collect_tokens(context, text, Language::kIndonesian);
    });
  }
  for (std::thread& t : threads) t.join();
  for (const auto& result : results) EXPECT_EQ(result, reference);
}

}  // namespace
}  // namespace lisan
