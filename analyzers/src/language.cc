#include "lisan/analyzers/language.h"

namespace lisan {

std::string_view language_code(Language lang) noexcept {
  switch (lang) {
    case Language::kArabic:
      return "ar";
    case Language::kIndonesian:
      return "id";
    case Language::kEnglish:
      return "en";
    case Language::kUnknown:
      break;
  }
  return "und";
}

std::optional<Language> parse_language(std::string_view code) noexcept {
  auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  std::string_view candidates[] = {"ar", "id", "en", "und"};
  Language langs[] = {Language::kArabic, Language::kIndonesian, Language::kEnglish,
                      Language::kUnknown};
  for (std::size_t k = 0; k < 4; ++k) {
    const std::string_view want = candidates[k];
    if (want.size() != code.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < code.size() && same; ++i) same = lower(code[i]) == want[i];
    if (same) return langs[k];
  }
  return std::nullopt;
}

const char* snowball_name(Language lang) noexcept {
  switch (lang) {
    case Language::kArabic:
      return "arabic";
    case Language::kIndonesian:
      return "indonesian";
    case Language::kEnglish:
      return "english";
    case Language::kUnknown:
      break;
  }
  return "none";
}

}  // namespace lisan
