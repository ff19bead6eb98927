/// @file
/// Word normalization shared by indexing and querying: Unicode NFKC with case
/// folding, then Arabic orthographic folding.
///
/// Thread-safety: all functions are thread-safe (ICU's NFKC_Casefold
/// Normalizer2 is an immutable singleton).
#pragma once

#include <string>
#include <string_view>

namespace lisan {

/// Replaces `out` with the normalized form of one word (teh marbuta folded).
/// Empty input gives empty output; the output may be empty when the word
/// consisted only of removable marks (e.g. a lone tatweel).
/// @pre `word` is well-formed UTF-8 (the analyzer only passes segments
///      without ill-formed bytes)
void normalize_word(std::string_view word, std::string& out);

/// Whether normalization folds teh marbuta (ة → ه). It is the one folding
/// that must wait until after stemming: the Arabic Snowball stemmer
/// recognises the feminine ending by it (المدرسة → مدرس, but المدرسه →
/// مدرسه). The analyzer normalizes with kKeep, stems, then calls
/// fold_teh_marbuta on the term and the stem.
enum class TehMarbuta {
  kFold,  ///< fold ة → ه now
  kKeep   ///< leave ة for the stemmer
};
/// normalize_word(), choosing whether teh marbuta is folded.
/// @pre `word` is well-formed UTF-8
void normalize_word(std::string_view word, std::string& out, TehMarbuta teh_marbuta);

/// Arabic folding in place; leaves every non-Arabic character untouched.
/// @pre `text` is NFKC_Casefold-normalized, well-formed UTF-8
void fold_arabic(std::string& text, TehMarbuta teh_marbuta = TehMarbuta::kFold);

/// ة → ه in place (same length in UTF-8).
void fold_teh_marbuta(std::string& text) noexcept;

/// True when `text` holds at least one Arabic-script letter.
bool has_arabic_letter(std::string_view text) noexcept;

}  // namespace lisan
