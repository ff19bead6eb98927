#include "lisan/format/schema.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <cstdio>

#include "lisan/analyzers/language_detector.h"
#include "lisan/format/internal/content_hash.h"

namespace lisan::schema {
namespace {

// True when the word's first letter is a capital (Tokayev, Ümit), which in
// Latin text marks names; false for empty or lowercase words.
bool starts_with_capital(std::string_view word) noexcept {
  if (word.empty()) return false;
  const auto first = static_cast<unsigned char>(word.front());
  if (first < 0x80) return first >= 'A' && first <= 'Z';
  std::int32_t at = 0;
  UChar32 c;
  U8_NEXT(word.data(), at, static_cast<std::int32_t>(word.size()), c);
  return c >= 0 && u_isupper(c);
}

// `text` cut to at most `limit` bytes without splitting a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view text, std::size_t limit) noexcept {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace

bool id_term_is_hashed(std::string_view id) noexcept {
  return kIdPrefix.size() + id.size() > kMaxTermBytes;
}

std::string id_term(std::string_view id) {
  std::string term(kIdPrefix);
  if (!id_term_is_hashed(id)) return term.append(id);
  constexpr std::size_t kHashSuffixBytes = 1 + 16;  // '#' and 16 hex digits
  term.append(utf8_prefix(id, kMaxTermBytes - kIdPrefix.size() - kHashSuffixBytes));
  char suffix[kHashSuffixBytes + 1];
  std::snprintf(suffix, sizeof suffix, "#%016llx",
                static_cast<unsigned long long>(internal::content_hash(id)));
  return term.append(suffix);
}

std::string_view stem_prefix(Language lang) noexcept {
  switch (lang) {
    case Language::kArabic:
      return kArabicStemPrefix;
    case Language::kIndonesian:
      return kIndonesianStemPrefix;
    case Language::kEnglish:
      return kEnglishStemPrefix;
    case Language::kUnknown:
      break;
  }
  return {};
}

bool has_stem_term(const Token& token) noexcept {
  return !stem_prefix(token.stem_language).empty() && !token.is_stopword &&
         token.stem != token.term;
}

std::string& assign_stem_term(std::string& out, Language lang, std::string_view stem) {
  return out.assign(stem_prefix(lang)).append(stem);
}

std::array<std::string, 2> stem_lookup_terms(Language lang, std::string_view stem) {
  std::string term;
  assign_stem_term(term, lang, stem);
  return {std::move(term), std::string(stem)};
}

std::string_view name_key_prefix(const Token& token, std::string_view text) noexcept {
  if (token.is_number || token.is_stopword) return {};
  if (token.is_arabic_script) return kArabicNameKeyPrefix;
  // A capital marks a name; a lower-case word is keyed unless it is a common
  // word (lower-cased titles, chat and URLs hold names too).
  const std::string_view word = text.substr(token.begin, token.end - token.begin);
  if (starts_with_capital(word) || !is_common_latin_word(token.term)) return kLatinNameKeyPrefix;
  return {};
}

}  // namespace lisan::schema
