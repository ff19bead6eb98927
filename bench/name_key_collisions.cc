// Measures what the cross-script name key wrongly joins, on the aligned
// sentences of the shared corpus's parallel sets (ntrex128, pud, flores200).
//
// A key is matched across scripts only (an Arabic word's key against Latin
// words' keys and back), so a wrong join is an Arabic word and a Latin word
// with the same key that are not translations of each other. Relatedness is
// judged from the alignment: the pair is taken as related when the two words
// occur in at least one pair of aligned sentences (a translated name does).
// A word "has a false match" when some word of the other script shares its
// key and never occurs with it. Printed: words with a key, words whose key
// meets the other script, words with a related partner, words with a false one.
//
//   name_key_collisions [PARALLEL_DIR]
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "lisan/analyzers/analyzer.h"
#include "lisan/analyzers/language_detector.h"
#include "lisan/analyzers/name_key.h"
#include "support/tsv_table.h"

namespace {

using lisan::Language;

struct Word {
  std::string term;
  std::string key;
};

// Content words of a sentence that have a key (no stopwords, no numbers).
// `capitalized_only`: only the Latin words the indexer keys: written with a
// capital, or not a common word (what the
// indexer gives keys to).
std::vector<Word> keyed_words(lisan::AnalysisContext& analysis, const std::string& text,
                              Language lang, bool capitalized_only) {
  std::vector<Word> words;
  lisan::TokenStream tokens = analysis.analyze(text, lang);
  while (const lisan::Token* token = tokens.next()) {
    if (token->is_stopword || token->is_number) continue;
    if (capitalized_only && !token->is_arabic_script &&
        !(text[token->begin] >= 'A' && text[token->begin] <= 'Z') &&
        lisan::is_common_latin_word(token->term)) {
      continue;
    }
    // Every key the indexer writes for the word, and each as a query matches
    // it (a long key whatever its vowel marks): the consonants alone.
    for (const std::string& key : lisan::document_name_keys(token->term)) {
      words.push_back({std::string(token->term), lisan::name_key_forms(key).back()});
    }
  }
  return words;
}

struct Stats {
  std::map<std::string, std::set<std::string>> arabic_by_key;  // key → Arabic words
  std::map<std::string, std::set<std::string>> latin_by_key;   // key → Latin words
  std::set<std::pair<std::string, std::string>> related;       // (Arabic, Latin), same key
};

void add_aligned(Stats& stats, lisan::AnalysisContext& analysis, const std::string& ar,
                 const std::vector<std::pair<std::string, Language>>& latin,
                 bool capitalized_only) {
  const std::vector<Word> arabic = keyed_words(analysis, ar, Language::kArabic, false);
  for (const Word& a : arabic) stats.arabic_by_key[a.key].insert(a.term);
  for (const auto& [text, lang] : latin) {
    for (const Word& l : keyed_words(analysis, text, lang, capitalized_only)) {
      stats.latin_by_key[l.key].insert(l.term);
      for (const Word& a : arabic) {
        if (a.key == l.key) stats.related.insert({a.term, l.term});
      }
    }
  }
}

void report(const char* label, const std::map<std::string, std::set<std::string>>& own,
            const std::map<std::string, std::set<std::string>>& other,
            const std::set<std::pair<std::string, std::string>>& related, bool own_is_arabic) {
  // A word may have several keys (without proclitics too): counted once.
  struct Verdict {
    bool meeting = false, good = false, bad = false;
  };
  std::map<std::string, Verdict> verdicts;
  for (const auto& [key, terms] : own) {
    const auto partners = other.find(key);
    for (const std::string& term : terms) {
      Verdict& verdict = verdicts[term];
      if (partners == other.end()) continue;
      verdict.meeting = true;
      for (const std::string& partner : partners->second) {
        const bool is_related =
            own_is_arabic ? related.count({term, partner}) > 0 : related.count({partner, term}) > 0;
        (is_related ? verdict.good : verdict.bad) = true;
      }
    }
  }
  std::size_t meeting = 0, with_related = 0, with_false = 0;
  for (const auto& [term, verdict] : verdicts) {
    meeting += verdict.meeting;
    with_related += verdict.good;
    with_false += verdict.bad;
  }
  const std::size_t words = verdicts.size();
  std::cout << label << ": " << words << " distinct words with a key; " << meeting
            << " share it with the other script (" << with_related << " with a related word, "
            << with_false << " with an unrelated one: false-match rate "
            << (words ? 100.0 * static_cast<double>(with_false) / static_cast<double>(words) : 0)
            << "%)\n";
}

int run(const std::string& dir) {
  lisan::AnalysisContext analysis;
  for (const bool capitalized_only : {true, false}) {
    Stats stats;
    std::size_t rows = 0;
    for (const char* set : {"ntrex128", "pud", "flores200_sib"}) {
      for (const auto& row : lisan::corpus::read_tsv(dir + "/" + set + "/sentences.tsv")) {
        ++rows;
        add_aligned(stats, analysis, row.at("ar"),
                    {{row.at("en"), Language::kEnglish}, {row.at("id"), Language::kIndonesian}},
                    capitalized_only);
      }
    }
    if (rows == 0) {
      std::cerr << "name_key_collisions: no sentences under " << dir << '\n';
      return 1;
    }
    std::cout << "== " << rows << " aligned sentences; Latin words: "
              << (capitalized_only ? "capitalized only (as indexed)" : "all (as queried)") << '\n';
    report("Arabic", stats.arabic_by_key, stats.latin_by_key, stats.related, true);
    report("Latin ", stats.latin_by_key, stats.arabic_by_key, stats.related, false);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : std::string(LISAN_SHARED_CORPUS_DIR) + "/parallel";
  try {
    return run(dir);
  } catch (const std::exception& e) {
    std::cerr << "name_key_collisions: " << e.what() << '\n';
    return 1;
  }
}
