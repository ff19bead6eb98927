// The cross-script name key: names written in Arabic and in Latin letters
// must meet; words that merely look alike in one script must not.
#include "lisan/analyzers/name_key.h"

#include <gtest/gtest.h>
#include <unicode/localpointer.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "lisan/analyzers/analyzer.h"
#include "lisan/analyzers/normalizer.h"
#include "lisan/analyzers/stopwords.h"
#include "name_key_rules.h"

namespace lisan {
namespace {

using internal::ascii_name_key;
using internal::latin_skeleton;

// The key of a word as the analyzer hands it over (normalized).
std::string key_of(std::string_view word) {
  std::string term;
  normalize_word(word, term);
  return name_key(term);
}

struct Meeting {
  const char* arabic;
  const char* latin;
};

class NameKeyMeets : public ::testing::TestWithParam<Meeting> {};

TEST_P(NameKeyMeets, ArabicAndLatinSpellingsShareTheKey) {
  const Meeting& m = GetParam();
  const std::string arabic = key_of(m.arabic);
  EXPECT_FALSE(arabic.empty()) << m.arabic;
  EXPECT_EQ(arabic, key_of(m.latin)) << m.arabic << " vs " << m.latin;
}

INSTANTIATE_TEST_SUITE_P(RequiredNames, NameKeyMeets,
                         ::testing::Values(
                             // يي is a consonant y and a long ī; v is written ف.
                             Meeting{"توكاييف", "Tokayev"},
                             // ش is sh; the g of -ngt- is not written in Arabic.
                             Meeting{"واشنطن", "Washington"},
                             // خ is kh.
                             Meeting{"كازاخستان", "Kazakhstan"},
                             // ي and و inside the word are long vowels.
                             Meeting{"نتنياهو", "Netanyahu"},
                             // Arabic has no p: ترامب.
                             Meeting{"ترامب", "Trump"},
                             // Initial و is a consonant; ff is written once.
                             Meeting{"ويتكوف", "Witkoff"},
                             // The article ال is not part of the name; ai and ي are vowels.
                             Meeting{"البحرين", "Bahrain"},
                             // Teh marbuta (folded to ه) is a final h, like Latin -ah.
                             Meeting{"فاطمة", "Fatimah"},
                             // Harakat are folded away before the key is made.
                             Meeting{"كَازَاخِسْتَان", "KAZAKHSTAN"}));

// Issue 25: short skeletons keep their vowel marks; the sound classes that
// the two scripts write with different letters.
INSTANTIATE_TEST_SUITE_P(
    ShortNamesAndSoundClasses, NameKeyMeets,
    ::testing::Values(
        // Two consonants or one, with the vowels at the edges.
        Meeting{"سامي", "Sami"}, Meeting{"عمر", "Omar"}, Meeting{"علي", "Ali"},
        Meeting{"غزة", "Gaza"}, Meeting{"إيلون", "Elon"}, Meeting{"بوتين", "Putin"},
        // ز for the Latin s; c before e is s; a silent final e.
        Meeting{"رويترز", "Reuters"}, Meeting{"فيسبوك", "Facebook"}, Meeting{"غوغل", "Google"},
        // تش for ch; نغ for ng.
        Meeting{"آرتشيبنكو", "Archipenko"}, Meeting{"هونغ", "Hong"},
        // German sch.
        Meeting{"شنايدر", "Schneider"},
        // Indonesian spellings of Arabic names.
        Meeting{"شيخ", "Syekh"}, Meeting{"شيخ", "Sheikh"}, Meeting{"شيخ", "Syaikh"},
        Meeting{"محمد", "Muhamad"}, Meeting{"محمد", "Mohammed"}, Meeting{"سيدني", "Sydney"},
        // German ch after a vowel is خ; Polish -wski; Slavic -ić (folded to -ic).
        Meeting{"هولباخ", "Holbach"}, Meeting{"كورنباخ", "Cronbach"},
        Meeting{"أوستروفسكي", "Ostrowski"}, Meeting{"ماتكوفسكي", "Matkowski"},
        Meeting{"راكيتيتش", "Rakitic"}, Meeting{"راكيتيتش", "Rakitić"}));

TEST(NameKey, KeepsDistinctNamesApart) {
  EXPECT_NE(key_of("Tokayev"), key_of("Witkoff"));
  EXPECT_NE(key_of("توكاييف"), key_of("ويتكوف"));
  EXPECT_NE(key_of("Trump"), key_of("Tokayev"));
  EXPECT_NE(key_of("Washington"), key_of("Kazakhstan"));
}

TEST(NameKey, ShortSkeletonsKeepTheirVowelMarks) {
  EXPECT_EQ(key_of("Ali"), "ala");   // l, begins and ends on a vowel
  EXPECT_EQ(key_of("Iran"), "arn");  // rn, begins on one
  EXPECT_EQ(key_of("Sami"), "sma");
  EXPECT_EQ(key_of("Sam"), "sm");     // not Sami
  EXPECT_EQ(key_of("Google"), "jl");  // a silent final e
  EXPECT_EQ(key_of("Bo"), "");        // one consonant needs both marks
  EXPECT_EQ(key_of("Miami"), "");
  // Long skeletons carry the marks too; the query matches them either way.
  EXPECT_EQ(key_of("Netanyahu"), "ntnha");
  EXPECT_EQ(name_key_forms("ntnha"),
            (std::vector<std::string>{"ntnha", "antnha", "antnh", "ntnh"}));
  EXPECT_EQ(name_key_forms("sma"), std::vector<std::string>{"sma"});
}

TEST(NameKey, NumbersAndOtherScriptsGetNoKey) {
  EXPECT_EQ(key_of("2025"), "");    // a number
  EXPECT_EQ(key_of("g20x"), "");    // a code with digits
  EXPECT_EQ(key_of("٢٠٢٥"), "");    // Arabic-Indic digits fold to ASCII
  EXPECT_EQ(key_of("東京都"), "");  // Han: neither Arabic nor Latin script
  EXPECT_EQ(key_of("Москва"), "");  // Cyrillic likewise
  EXPECT_EQ(name_key(""), "");
}

TEST(NameKey, ProcliticsAreStrippedByTheSameRulesOnBothSides) {
  const std::string tokayev = key_of("Tokayev");
  for (const char* word : {"وتوكاييف", "لتوكاييف", "بتوكاييف", "والتوكاييف", "فبتوكاييف"}) {
    std::string term;
    normalize_word(word, term);
    const std::vector<std::string> keys = name_keys(term);
    EXPECT_NE(std::find(keys.begin(), keys.end(), tokayev), keys.end()) << word;
  }
  // Four letters at least are left: وزير is not و + زير.
  EXPECT_EQ(name_key_spellings("ÙØ²ÙØ±").size(), 1u);
  // A Latin word has no proclitics.
  EXPECT_EQ(name_keys("bokayev"), std::vector<std::string>{key_of("bokayev")});
}

// An ordinary Arabic word gets no key in documents, with or without its
// article and proclitics: الاجتماع ("the meeting", jtm) would meet Gautam.
// A name keeps its keys, and a query word keeps them even if ordinary.
TEST(NameKey, DocumentsKeyNoOrdinaryArabicWord) {
  for (const char* word : {"الاجتماع", "اجتماع", "والاجتماع", "بالاجتماع"}) {
    std::string term;
    normalize_word(word, term);
    EXPECT_TRUE(is_common_arabic_word(name_key_spellings(term).back()) ||
                is_common_arabic_word(term))
        << word;
    EXPECT_TRUE(document_name_keys(term).empty()) << word;
    EXPECT_FALSE(name_query_keys(term).empty()) << word;
  }
  for (const char* word : {"وتوكاييف", "بوتين", "رويترز"}) {
    std::string term;
    normalize_word(word, term);
    EXPECT_EQ(document_name_keys(term), name_keys(term)) << word;
    EXPECT_FALSE(document_name_keys(term).empty()) << word;
  }
  EXPECT_EQ(document_name_keys("gautam"), name_keys("gautam"));
}

TEST(NameKey, QueriesTryALeadingAlBothWays) {
  std::string alberto;
  normalize_word("ألبرتو", alberto);  // the key drops ال: brt
  const std::vector<std::string> from_arabic = name_query_keys(alberto);
  EXPECT_NE(std::find(from_arabic.begin(), from_arabic.end(), key_of("alberto")),
            from_arabic.end());
  const std::vector<std::string> from_latin = name_query_keys("alberto");
  EXPECT_NE(std::find(from_latin.begin(), from_latin.end(), key_of("ألبرتو")), from_latin.end());
}

TEST(NameKey, IsLowercaseAsciiAndStableAcrossCalls) {
  for (const char* word : {"Tokayev", "توكاييف", "Ağrı", "Müller", "Alexander", "الكسندر"}) {
    const std::string first = key_of(word);
    for (char c : first) EXPECT_TRUE(c >= 'a' && c <= 'z') << word << ": " << first;
    EXPECT_EQ(key_of(word), first) << "cached key differs for " << word;
  }
  EXPECT_EQ(key_of("Müller"), key_of("Muller"));  // accents fold to ASCII
}

TEST(LatinSkeleton, AppliesTheConsonantRules) {
  EXPECT_EQ(latin_skeleton("kazakhstan"), "kskstn");  // z and s are one class
  EXPECT_EQ(latin_skeleton("washington"), "wxntn");
  EXPECT_EQ(latin_skeleton("alexander"), "lksndr");
  EXPECT_EQ(latin_skeleton("philippe"), "flb");
  EXPECT_EQ(latin_skeleton("ʿmr"), "mr");  // ع counts as a vowel: Omar
  EXPECT_EQ(latin_skeleton("yemen"), "ymn");
}

}  // namespace
}  // namespace lisan

namespace lisan {
namespace {

// The key as the first version computed it for every word: the whole word
// through ICU's "Any-Latin; Latin-ASCII", then the skeleton. name_key takes
// a faster road for Arabic-script words and must give the same keys.
class ReferenceKey {
 public:
  ReferenceKey() {
    UErrorCode status = U_ZERO_ERROR;
    to_ascii_.adoptInstead(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  }

  std::string operator()(std::string_view term) {
    constexpr std::string_view kArticle = "\xD8\xA7\xD9\x84";  // ال, as name_key strips it
    if (term.starts_with(kArticle) && term.size() - kArticle.size() >= 6) {
      term.remove_prefix(kArticle.size());
    }
    if (term.find_first_of("0123456789") != std::string_view::npos) return {};
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(term.data(), static_cast<std::int32_t>(term.size())));
    to_ascii_->transliterate(text);
    std::string ascii;
    text.toUTF8String(ascii);
    return ascii_name_key(ascii, false);
  }

 private:
  icu::LocalPointer<icu::Transliterator> to_ascii_;
};

bool has_arabic_letter(std::string_view term) {
  return term.find("\xD8") != std::string_view::npos || term.find("\xD9") != std::string_view::npos;
}

// Every Arabic word of the seed documents, and (when the shared corpus is
// there) every Arabic word form of the Universal Dependencies PADT treebank.
std::vector<std::string> arabic_words() {
  std::set<std::string> words;
  AnalysisContext analysis;
  auto add_text = [&](const std::string& text) {
    TokenStream tokens = analysis.analyze(text, Language::kArabic);
    while (const Token* token = tokens.next()) {
      if (token->is_arabic_script && has_arabic_letter(token->term)) {
        words.emplace(token->term);
      }
    }
  };
  for (const auto& entry : std::filesystem::directory_iterator(LISAN_CORPUS_DIR)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path());
    add_text(std::string(std::istreambuf_iterator<char>(in), {}));
  }
#ifdef LISAN_SHARED_CORPUS_DIR
  std::ifstream treebank(std::filesystem::path(LISAN_SHARED_CORPUS_DIR) / "lemmas" /
                         "ud_ar_padt_v13.tsv");
  for (std::string line; std::getline(treebank, line);) {
    add_text(line.substr(0, line.find('\t')));
  }
#endif
  return {words.begin(), words.end()};
}

TEST(NameKey, ArabicWordsGetTheKeysOfTheWholeIcuChain) {
  ReferenceKey reference;
  const std::vector<std::string> words = arabic_words();
  ASSERT_GT(words.size(), 100u) << "the seed documents alone hold more Arabic words";
  std::size_t with_key = 0;
  for (const std::string& word : words) {
    const std::string key = name_key(word);
    ASSERT_EQ(key, reference(word)) << word;
    if (!key.empty()) ++with_key;
  }
  EXPECT_GT(with_key * 2, words.size()) << "most Arabic words have a key";
}

}  // namespace
}  // namespace lisan
