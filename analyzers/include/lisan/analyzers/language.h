/// @file
/// Languages lisan analyses, and their ISO 639-1 codes.
///
/// Thread-safety: everything here is pure and may be called from any thread.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace lisan {

/// A document's or a word's language. kUnknown ("und") text is analysed
/// without stemming.
enum class Language {
  kArabic,      ///< "ar"
  kIndonesian,  ///< "id"
  kEnglish,     ///< "en"
  kUnknown      ///< "und": undetermined
};

/// The languages that have a stemmer and stopwords, in a stable order.
inline constexpr std::array<Language, 3> kStemmedLanguages = {
    Language::kArabic, Language::kIndonesian, Language::kEnglish};

/// The ISO 639-1 code of `lang`: "ar", "id", "en", or "und" for kUnknown.
std::string_view language_code(Language lang) noexcept;

/// Parses "ar", "id", "en" or "und" (ASCII, case-insensitive); nullopt otherwise.
std::optional<Language> parse_language(std::string_view code) noexcept;

/// The name of the Snowball stemmer lisan uses for `lang`, as Xapian::Stem
/// takes it: "arabic", "indonesian", "english", or "none" for kUnknown.
const char* snowball_name(Language lang) noexcept;

}  // namespace lisan
