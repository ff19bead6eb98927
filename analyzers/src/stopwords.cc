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

constexpr std::string_view kArticle = "\xD8\xA7\xD9\x84";  // ال
constexpr std::size_t kMinRestBytes = 6;                   // three Arabic letters

// The word without ال when three letters are left, as the name key reads it.
std::string_view without_article(std::string_view term) {
  if (term.starts_with(kArticle) && term.size() - kArticle.size() >= kMinRestBytes) {
    term.remove_prefix(kArticle.size());
  }
  return term;
}

// The list's words without their article: الاجتماع and اجتماع are one entry.
TermSet load_without_article(std::string_view data) {
  TermSet out;
  for (const std::string& word : load(data)) out.insert(std::string(without_article(word)));
  return out;
}

}  // namespace

bool is_common_arabic_word(std::string_view term) noexcept {
  static const TermSet words = load_without_article(internal::kArabicCommonWords);
  return words.find(without_article(term)) != words.end();
}

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
