#include "expansion.h"

#include <set>
#include <span>
#include <string>

#include "lisan/analyzers/name_key.h"
#include "lisan/format/schema.h"
#include "translation.h"

namespace lisan::internal {
namespace {

// The word's normalized form and whether it is Arabic script, as the
// analyzer sees it (the same analysis the indexer ran).
struct AnalysedWord {
  std::string term;
  bool arabic_script = false;
  bool number = false;
};

std::optional<AnalysedWord> analyse_word(AnalysisContext& analysis, std::string_view raw_word) {
  TokenStream tokens = analysis.analyze(raw_word, Language::kUnknown);
  const Token* token = tokens.next();
  if (token == nullptr) return std::nullopt;
  return AnalysedWord{std::string(token->term), token->is_arabic_script, token->is_number};
}

// Weight of the closest key form over the others: enough to break a tie,
// far under an exact or stemmed match of the word.
constexpr double kClosestKeyBonus = 0.1;

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// Translations of the word from each language it may be in: Arabic script is
// Arabic; a Latin word may be English or Indonesian.
void add_translations(AnalysisContext& analysis, std::string_view raw_word, bool arabic_script,
                      std::vector<Xapian::Query>& forms, QueryTerms& terms,
                      std::vector<std::string>& title_words) {
  static constexpr Language kLatin[] = {Language::kEnglish, Language::kIndonesian};
  static constexpr Language kArabic[] = {Language::kArabic};
  // Both, even when the query looks Indonesian: measured, looking Indonesian
  // words up in the English-headword dictionaries too finds more (loanwords).
  const std::span<const Language> sources =
      arabic_script ? std::span<const Language>(kArabic) : std::span<const Language>(kLatin);
  const Lexicon& lexicon = Lexicon::installed();
  for (Language from : sources) {
    std::string stem;
    {
      TokenStream tokens = analysis.analyze(raw_word, from);
      const Token* token = tokens.next();
      if (token == nullptr || token->stem_language != from || token->is_stopword) continue;
      stem.assign(token->stem);
    }
    std::string listed;
    for (const Translation& t : lexicon.translate(from, stem)) {
      if (t.terms.size() == 1) {
        // One word: its stem, so that every inflection matches (الرئيس → رئيس).
        auto [stem_term, plain_stem] = schema::stem_lookup_terms(t.language, t.stems.front());
        forms.emplace_back(stem_term);
        terms.add_stem(std::move(stem_term));
        forms.emplace_back(plain_stem);
        // Title terms are unstemmed: the translation as the dictionary
        // writes it (الرئيس) and its stem, itself often a word (رئيس).
        title_words.push_back(t.terms.front());
        if (t.stems.front() != t.terms.front()) title_words.push_back(t.stems.front());
      } else {
        // Several words: a phrase of the unstemmed words ("ibu kota").
        forms.emplace_back(Xapian::Query::OP_PHRASE, t.terms.begin(), t.terms.end());
        for (const std::string& w : t.terms) terms.add_exact(w);
      }
      listed += (listed.empty() ? "" : ", ") + join(t.terms) + " (" +
                std::string(language_code(t.language)) + ")";
    }
    if (!listed.empty()) {
      terms.expansions.push_back(std::string(raw_word) + " [" + std::string(language_code(from)) +
                                 "] translates to " + listed);
    }
  }
}

}  // namespace

Xapian::Query synonym_group(std::vector<Xapian::Query> forms) {
  while (forms.size() > 2) {
    std::vector<Xapian::Query> pairs;
    pairs.reserve((forms.size() + 1) / 2);
    for (std::size_t i = 0; i + 1 < forms.size(); i += 2) {
      pairs.emplace_back(Xapian::Query::OP_SYNONYM, forms[i], forms[i + 1]);
    }
    if (forms.size() % 2 == 1) pairs.push_back(std::move(forms.back()));
    forms = std::move(pairs);
  }
  return Xapian::Query(Xapian::Query::OP_SYNONYM, forms.begin(), forms.end());
}

Xapian::Query expand_word(AnalysisContext& analysis, std::string_view raw_word,
                          const std::vector<Xapian::Query>& native_forms,
                          const ExpansionOptions& options, QueryTerms& terms,
                          std::vector<std::string>& title_words) {
  std::vector<Xapian::Query> forms = native_forms;
  std::vector<Xapian::Query> closest_keys;  // each key's own spelling (name_key_forms)
  const std::optional<AnalysedWord> word = analyse_word(analysis, raw_word);
  if (word && !word->number) {
    if (options.transliterate) {
      // The word's keys as the indexer writes them (without proclitics too),
      // and with or without a leading Al- (name_key.h).
      for (const std::string& key : name_query_keys(word->term)) {
        // A key is matched against the other script's keys only: within one
        // script, the word itself and its stems already do better.
        const std::string_view prefix =
            word->arabic_script ? schema::kLatinNameKeyPrefix : schema::kArabicNameKeyPrefix;
        bool closest = true;
        for (const std::string& form : name_key_forms(key)) {
          std::string key_term(prefix);
          key_term.append(form);
          if (closest) {
            closest_keys.emplace_back(key_term);
            terms.expansions.push_back(std::string(raw_word) + " has the name key " + key_term);
            closest = false;
          }
          forms.emplace_back(key_term);
          terms.add_name_key(std::move(key_term));
        }
      }
    }
    if (options.translate) {
      add_translations(analysis, raw_word, word->arabic_script, forms, terms, title_words);
    }
  }
  if (closest_keys.empty()) return synonym_group(std::move(forms));
  // Documents sharing a key would tie: the one whose word also begins and
  // ends on a vowel where the query word does ranks first.
  const Xapian::Query closest(
      Xapian::Query::OP_SCALE_WEIGHT,
      Xapian::Query(Xapian::Query::OP_OR, closest_keys.begin(), closest_keys.end()),
      kClosestKeyBonus);
  return Xapian::Query(Xapian::Query::OP_OR, synonym_group(std::move(forms)), closest);
}

}  // namespace lisan::internal
