// Cross-language expansion through the library API, on small indexes built
// here: what a name key and a translation add, that each can be turned off,
// and that a same-script match outranks a cross-script one.
#include <gtest/gtest.h>

#include <algorithm>

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
  ASSERT_FALSE(results.expansions.empty());
  EXPECT_NE(results.expansions.front().find("presiden (id)"), std::string::npos);
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
