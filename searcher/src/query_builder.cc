#include "query_builder.h"

#include <algorithm>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "lisan/analyzers/stopwords.h"
#include "lisan/indexer/schema.h"

namespace lisan::internal {

Xapian::Query QueryBuilder::word(std::string_view raw_word, QueryTerms& terms) {
  // Arabic script settles the language; a Latin word may be English or
  // Indonesian, so it is stemmed both ways. Each language's stem comes from
  // that language's own analysis of the word, exactly as at index time.
  static constexpr Language kCandidates[] = {Language::kArabic, Language::kEnglish,
                                             Language::kIndonesian};
  std::string exact;
  std::vector<Xapian::Query> forms;
  std::set<std::string, std::less<>> plain_stems;
  for (Language lang : kCandidates) {
    TokenStream tokens = analysis_.analyze(raw_word, lang);
    const Token* token = tokens.next();
    if (token == nullptr || token->stem_language != lang) continue;
    if (exact.empty()) {
      exact.assign(token->term);
      forms.emplace_back(exact);
      terms.exact.insert(exact);
    }
    std::string stem_term(schema::stem_prefix(lang));
    stem_term.append(token->stem);
    forms.emplace_back(stem_term);
    terms.stems.insert(std::move(stem_term));
    // Words that are their own stem have no Z term in the index (schema.h):
    // the stem's unstemmed term finds them.
    if (token->stem != exact && plain_stems.emplace(token->stem).second) {
      forms.emplace_back(std::string(token->stem));
    }
  }
  if (exact.empty()) {  // a number, or a word of no stemmed language
    TokenStream tokens = analysis_.analyze(raw_word, Language::kUnknown);
    const Token* token = tokens.next();
    if (token == nullptr) return Xapian::Query();
    exact.assign(token->term);
    forms.emplace_back(exact);
    terms.exact.insert(exact);
  }
  Xapian::Query group(Xapian::Query::OP_SYNONYM, forms.begin(), forms.end());
  const Xapian::Query exact_bonus(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(exact),
                                  weights_.exact_bonus);
  const Xapian::Query title(Xapian::Query::OP_SCALE_WEIGHT,
                            Xapian::Query(std::string(schema::kTitlePrefix) + exact),
                            weights_.title);
  const Xapian::Query parts[] = {group, exact_bonus, title};
  return Xapian::Query(Xapian::Query::OP_OR, std::begin(parts), std::end(parts));
}

Xapian::Query QueryBuilder::words(std::string_view text, QueryTerms& terms) {
  struct Word {
    std::string raw;  // as typed: each language analyses it afresh
    bool stopword;
  };
  std::vector<Word> found;
  TokenStream tokens = analysis_.analyze(text, Language::kUnknown);
  while (const Token* token = tokens.next()) {
    found.push_back({std::string(text.substr(token->begin, token->end - token->begin)),
                     is_stopword_in_any_language(token->term)});
  }
  const bool all_stopwords =
      std::all_of(found.begin(), found.end(), [](const Word& w) { return w.stopword; });
  std::vector<Xapian::Query> parts;
  for (const Word& w : found) {
    if (w.stopword && !all_stopwords) continue;
    Xapian::Query part = word(w.raw, terms);
    if (!part.empty()) parts.push_back(std::move(part));
  }
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

}  // namespace lisan::internal
