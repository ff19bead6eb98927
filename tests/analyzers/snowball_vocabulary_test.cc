// Snowball's own test vocabularies (word → stem) through the whole analyzer:
// it is Snowball, so they must agree; a mismatch means our normalization,
// segmentation or cache changed a word on its way to the stemmer.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "lisan/analyzers/analyzer.h"

namespace lisan {
namespace {

void check_vocabulary(const std::string& file, Language lang) {
  const std::string path = std::string(LISAN_SHARED_CORPUS_DIR) + "/stemming/snowball/" + file;
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared corpus not found: " << path;
  std::ifstream in(path);
  AnalysisContext context;
  std::string line;
  std::size_t checked = 0, mismatched = 0, not_one_token = 0;
  // Twice: the second pass is answered by the stem cache.
  for (int pass = 0; pass < 2; ++pass) {
    in.clear();
    in.seekg(0);
    std::getline(in, line);  // header: word, stem
    while (std::getline(in, line)) {
      const std::size_t tab = line.find('\t');
      if (tab == std::string::npos) continue;
      const std::string word = line.substr(0, tab);
      const std::string expected = line.substr(tab + 1);
      // Words that UAX #29 splits (e.g. with a hyphen) are not single tokens.
      TokenStream tokens = context.analyze(word, lang);
      const Token* token = tokens.next();
      if (token == nullptr || token->begin != 0 || token->end != word.size() ||
          tokens.next() != nullptr) {
        ++not_one_token;
        continue;
      }
      ++checked;
      TokenStream again = context.analyze(word, lang);
      const Token* t = again.next();
      if (t->stem != expected) {
        if (++mismatched <= 10)
          ADD_FAILURE() << word << " → " << t->stem << ", Snowball: " << expected;
      }
    }
  }
  std::cout << file << ": " << checked << " words checked, " << mismatched << " mismatches, "
            << not_one_token << " not a single token\n";
  EXPECT_GT(checked, 10000u);
  EXPECT_EQ(mismatched, 0u);
  // Apostrophes and hyphens split a few words; they must stay a small minority.
  EXPECT_LT(not_one_token * 100, checked);
}

TEST(SnowballVocabulary, English) { check_vocabulary("english.tsv", Language::kEnglish); }
TEST(SnowballVocabulary, Indonesian) { check_vocabulary("indonesian.tsv", Language::kIndonesian); }

}  // namespace
}  // namespace lisan
