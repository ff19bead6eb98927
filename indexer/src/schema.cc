#include "lisan/indexer/schema.h"

#include "document_builder.h"

namespace lisan::schema {

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

std::string_view name_key_prefix(const Token& token, std::string_view text) noexcept {
  if (token.is_number || token.is_stopword) return {};
  if (token.is_arabic_script) return kArabicNameKeyPrefix;
  const std::string_view word = text.substr(token.begin, token.end - token.begin);
  return internal::starts_with_capital(word) ? kLatinNameKeyPrefix : std::string_view{};
}

}  // namespace lisan::schema
