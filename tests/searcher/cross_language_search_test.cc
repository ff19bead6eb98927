// Cross-language expansion through the library API, on small indexes built
// here: what a name key and a translation add, that each can be turned off,
// and that a same-script match outranks a cross-script one.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "lisan/analyzers/language_detector.h"
#include "lisan/indexer/indexer.h"
#include "lisan/searcher/searcher.h"
#include "support/run_command.h"
#include "translation.h"

namespace lisan {
namespace {

std::vector<std::string> ids(const SearchResults& results) {
  std::vector<std::string> out;
  for (const Hit& hit : results.hits) out.push_back(hit.id);
  return out;
}

SearchOptions with(bool transliterate, bool translate) {
  SearchOptions options;
  options.transliterate = transliterate;
  options.translate = translate;
  options.explain = true;
  // These tests are about the cross-language forms alone: "president" would
  // otherwise also be taken as a typo of the Indonesian "presiden".
  options.typos = false;
  return options;
}

class CrossLanguageSearch : public ::testing::Test {
 protected:
  void SetUp() override {
    Indexer indexer(db());
    auto add = [&indexer](const char* id, const char* text, Language lang) {
      SourceDocument doc;
      doc.id = id;
      doc.text = text;
      doc.title = "-";
      doc.language = lang;
      indexer.add_document(doc);
    };
    // The same news, as long, in both scripts.
    add("en", "Tokayev met the reporters in Astana today.", Language::kEnglish);
    add("ar", "التقى توكاييف الصحفيين في أستانا اليوم.", Language::kArabic);
    // Words the dictionaries translate: president → الرئيس, presiden;
    // rumah → house → البيت.
    add("ar-president", "قال الرئيس إن الاجتماع كان مثمرا.", Language::kArabic);
    add("id-president", "Presiden mengatakan pertemuan itu berhasil.", Language::kIndonesian);
    add("ar-house", "اشترت العائلة البيت الكبير في القرية.", Language::kArabic);
    add("id-house", "Keluarga itu membeli rumah besar di desa.", Language::kIndonesian);
    indexer.finish();
  }
  std::string db() const { return dir_ / "db"; }
  static bool have_lexicon() { return internal::Lexicon::installed().size() > 0; }
  testing::TempDir dir_;
};

TEST_F(CrossLanguageSearch, NameKeyFindsTheOtherScriptAndRanksItSecond) {
  Searcher searcher({db()});
  EXPECT_EQ(ids(searcher.search("Tokayev", with(true, false))),
            (std::vector<std::string>{"en", "ar"}));
  EXPECT_EQ(ids(searcher.search("توكاييف", with(true, false))),
            (std::vector<std::string>{"ar", "en"}));
}

TEST_F(CrossLanguageSearch, NoTransliterationKeepsToTheScript) {
  Searcher searcher({db()});
  EXPECT_EQ(ids(searcher.search("Tokayev", with(false, false))), std::vector<std::string>{"en"});
}

TEST_F(CrossLanguageSearch, TranslationFindsTheWordInTheOtherLanguages) {
  if (!have_lexicon()) GTEST_SKIP() << "built without the FreeDict dictionaries";
  Searcher searcher({db()});
  const SearchResults results = searcher.search("president", with(false, true));
  const auto found = ids(results);
  EXPECT_NE(std::find(found.begin(), found.end(), "ar-president"), found.end());
  EXPECT_NE(std::find(found.begin(), found.end(), "id-president"), found.end());
  ASSERT_TRUE(results.explanation.has_value());
  ASSERT_FALSE(results.explanation->expansions.empty());
  EXPECT_NE(results.explanation->expansions.front().find("presiden (id)"), std::string::npos);
  EXPECT_TRUE(ids(searcher.search("president", with(false, false))).empty());
}

TEST_F(CrossLanguageSearch, IndonesianReachesArabicThroughEnglish) {
  if (!have_lexicon()) GTEST_SKIP() << "built without the FreeDict dictionaries";
  Searcher searcher({db()});
  const auto found = ids(searcher.search("rumah", with(false, true)));
  EXPECT_NE(std::find(found.begin(), found.end(), "ar-house"), found.end());
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front(), "id-house") << "the document with the very word first";
}

TEST_F(CrossLanguageSearch, TranslatedWordsAreMarkedInSnippets) {
  if (!have_lexicon()) GTEST_SKIP() << "built without the FreeDict dictionaries";
  Searcher searcher({db()});
  bool seen = false;
  for (const Hit& hit : searcher.search("president", with(false, true)).hits) {
    if (hit.id != "ar-president") continue;
    seen = true;
    ASSERT_EQ(hit.snippet.marks.size(), 1u);
    const auto [begin, end] = hit.snippet.marks.front();
    EXPECT_EQ(hit.snippet.text.substr(begin, end - begin), "الرئيس");
  }
  EXPECT_TRUE(seen);
}

// A name written with a preposition attached (بإندونيسيا "in Indonesia")
// still meets the name in Latin script.
TEST(CrossLanguageNames, ArabicWordWithAPrepositionMeetsTheLatinName) {
  testing::TempDir dir;
  {
    Indexer indexer(dir / "db");
    SourceDocument doc;
    doc.id = "en";
    doc.title = "-";
    doc.text = "Floods hit Indonesia this week.";
    doc.language = Language::kEnglish;
    indexer.add_document(doc);
    indexer.finish();
  }
  Searcher searcher({dir / "db"});
  EXPECT_EQ(ids(searcher.search("بإندونيسيا", with(true, false))), std::vector<std::string>{"en"});
  EXPECT_EQ(ids(searcher.search("وبإندونيسيا", with(true, false))), std::vector<std::string>{"en"});
}

// A title says what a document is about in whichever language it is written:
// the translation of a query word found in the title weighs as the word
// itself found in a title does.
TEST(CrossLanguageTitles, ATranslationInTheTitleRanksTheDocumentFirst) {
  if (internal::Lexicon::installed().size() == 0) {
    GTEST_SKIP() << "built without the FreeDict dictionaries";
  }
  testing::TempDir dir;
  {
    Indexer indexer(dir / "db");
    // The same text; added first, the other title would win a tie.
    for (const auto& [id, title] : {std::pair{"other-title", "زيارة المدينة"},
                                    std::pair{"president-title", "الرئيس المدينة"}}) {
      SourceDocument doc;
      doc.id = id;
      doc.title = title;
      doc.text = "قال الرئيس إن الاجتماع كان مثمرا في المدينة.";
      doc.language = Language::kArabic;
      indexer.add_document(doc);
    }
    indexer.finish();
  }
  Searcher searcher({dir / "db"});
  for (const char* query : {"president", "presiden"}) {
    const auto found = ids(searcher.search(query, with(false, true)));
    ASSERT_EQ(found.size(), 2u) << query;
    EXPECT_EQ(found.front(), "president-title") << query;
  }
}

}  // namespace
}  // namespace lisan

namespace lisan {
namespace {

// Issue 25's hand-tried examples, end to end: each Arabic spelling inside an
// Arabic sentence must be found from the Latin name, and back.
struct HandExample {
  const char* latin;   // the query, and the name in the Latin document
  const char* arabic;  // as news writes it, proclitics and all
};

std::string lower(std::string word) {
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return word;
}

class HandTriedNames : public ::testing::TestWithParam<HandExample> {
 protected:
  void SetUp() override {
    const HandExample& example = GetParam();
    Indexer indexer(db());
    auto add = [&indexer](const std::string& id, const std::string& text, Language lang) {
      SourceDocument doc;
      doc.id = id;
      doc.text = text;
      doc.title = "-";
      doc.language = lang;
      indexer.add_document(doc);
    };
    add("ar", std::string("قال المتحدث إن ") + example.arabic + " سيزور المنطقة الأسبوع المقبل.",
        Language::kArabic);
    add("en", std::string("The spokesman said ") + example.latin + " would visit the region.",
        Language::kEnglish);
    // The Latin name lower-case, as in a lower-cased title or a URL.
    add("en-lower", "the spokesman said " + lower(example.latin) + " would visit the region.",
        Language::kEnglish);
    // Distractors: ordinary news in both scripts.
    add("ar-other", "ارتفعت أسعار النفط في الأسواق العالمية اليوم.", Language::kArabic);
    add("en-other", "Oil prices rose on world markets today.", Language::kEnglish);
    indexer.finish();
  }
  std::string db() const { return dir_ / "db"; }
  testing::TempDir dir_;
};

TEST_P(HandTriedNames, LatinNameFindsTheArabicSpelling) {
  Searcher searcher({db()});
  SearchOptions options = with(true, false);
  options.language = Language::kArabic;
  const std::vector<std::string> found = ids(searcher.search(GetParam().latin, options));
  ASSERT_FALSE(found.empty()) << GetParam().latin;
  EXPECT_EQ(found.front(), "ar") << GetParam().latin;
}

// Lower-case, the name is keyed unless it is a common word of the language
// (the language detector's word list holds "facebook" and "google").
TEST_P(HandTriedNames, ArabicSpellingFindsTheLatinName) {
  Searcher searcher({db()});
  SearchOptions options = with(true, false);
  options.language = Language::kEnglish;
  const std::vector<std::string> found = ids(searcher.search(GetParam().arabic, options));
  ASSERT_FALSE(found.empty()) << GetParam().arabic;
  EXPECT_TRUE(found.front() == "en" || found.front() == "en-lower") << GetParam().arabic;
  EXPECT_NE(std::find(found.begin(), found.end(), "en"), found.end()) << GetParam().arabic;
  const bool keyed_lower = !is_common_latin_word(lower(GetParam().latin));
  EXPECT_EQ(std::find(found.begin(), found.end(), "en-lower") != found.end(), keyed_lower)
      << GetParam().arabic;
  EXPECT_EQ(std::find(found.begin(), found.end(), "en-other"), found.end());
}

// Arabic writes New York as one word: the two Latin words written together
// have its key. The other way (نيويورك → New York) is not matched.
TEST(JoinedLatinNames, TwoLatinWordsFindTheArabicWordWrittenAsOne) {
  testing::TempDir dir;
  {
    Indexer indexer(dir / "db");
    SourceDocument doc;
    doc.title = "-";
    doc.language = Language::kArabic;
    doc.id = "ny";
    doc.text = "وصل الوفد إلى نيويورك صباح اليوم.";
    indexer.add_document(doc);
    doc.id = "other";
    doc.text = "ارتفعت أسعار النفط في الأسواق العالمية اليوم.";
    indexer.add_document(doc);
    indexer.finish();
  }
  Searcher searcher({dir / "db"});
  EXPECT_EQ(ids(searcher.search("New York", with(true, false))), std::vector<std::string>{"ny"});
  EXPECT_TRUE(ids(searcher.search("New York", with(false, false))).empty());
}

INSTANTIATE_TEST_SUITE_P(
    Issue25, HandTriedNames,
    ::testing::Values(HandExample{"Tokayev", "وتوكاييف"}, HandExample{"Tokayev", "لتوكاييف"},
                      HandExample{"Tokayev", "بتوكاييف"}, HandExample{"Tokayev", "والتوكاييف"},
                      HandExample{"Putin", "وبوتين"}, HandExample{"Reuters", "رويترز"},
                      HandExample{"Facebook", "فيسبوك"}, HandExample{"Google", "غوغل"},
                      HandExample{"Elon", "إيلون"}));

}  // namespace
}  // namespace lisan
