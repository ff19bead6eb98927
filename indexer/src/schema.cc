#include "lisan/indexer/schema.h"

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

}  // namespace lisan::schema
