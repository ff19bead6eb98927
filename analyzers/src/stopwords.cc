#include "lisan/analyzers/stopwords.h"

#include <string>
#include <unordered_set>

#include "lisan/analyzers/normalizer.h"
#include "stopword_data.h"

namespace lisan {
namespace {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};
using TermSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

// The lists are written as people spell the words; normalizing them with the
// analyzer's own normalizer makes them match normalized terms (e.g. the list
// may write إلى or على, the index sees الي and علي).
TermSet load(std::string_view data) {
  TermSet set;
  std::string normalized;
  while (!data.empty()) {
    const std::size_t eol = data.find('\n');
    std::string_view line = data.substr(0, eol);
    data = eol == std::string_view::npos ? std::string_view{} : data.substr(eol + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    normalize_word(line, normalized);
    if (!normalized.empty()) set.insert(normalized);
  }
  return set;
}

const TermSet& set_for(Language lang) {
  static const TermSet ar = load(internal::kArabicStopwords);
  static const TermSet id = load(internal::kIndonesianStopwords);
  static const TermSet en = load(internal::kEnglishStopwords);
  static const TermSet none;
  switch (lang) {
    case Language::kArabic:
      return ar;
    case Language::kIndonesian:
      return id;
    case Language::kEnglish:
      return en;
    case Language::kUnknown:
      break;
  }
  return none;
}

}  // namespace

bool is_stopword(std::string_view term, Language lang) noexcept {
  const TermSet& set = set_for(lang);
  return set.find(term) != set.end();
}

bool is_stopword_in_any_language(std::string_view term) noexcept {
  for (Language lang : kStemmedLanguages) {
    if (is_stopword(term, lang)) return true;
  }
  return false;
}

}  // namespace lisan
