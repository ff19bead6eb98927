/// @file
/// Language identification for Arabic, Indonesian and English text.
///
/// The script with the most letters decides first: mostly Arabic script is
/// Arabic. Mostly Latin text is English or Indonesian, decided by a detector
/// restricted to those two (word and character n-gram profiles built by
/// tools/gen_langid_profile.py from treebank word lists and a sample of the
/// bench corpus, none of it evaluation data). Text with no letters, text mostly
/// in another script, or Latin text the detector cannot decide, is
/// Language::kUnknown.
///
/// Thread-safety: detect_language is pure; call it from any thread (its lookup
/// tables are built once, on first use, with thread-safe static initialization).
#pragma once

#include <string_view>

#include "lisan/analyzers/language.h"

namespace lisan {

/// Detects the language of a document or a single sentence.
/// Invalid UTF-8 is tolerated (ill-formed bytes are ignored). Reads at most a
/// bounded prefix of very long texts (a few tens of KB), so cost is
/// O(min(n, bound)).
/// @return kArabic, kIndonesian or kEnglish; kUnknown for empty or
///         letterless input, text mostly in another script, or Latin text the
///         detector cannot decide
Language detect_language(std::string_view text) noexcept;

/// True when `term` (a normalized word) is one of the detector's profile
/// words: the commonest words of its English and Indonesian treebank lists
/// (about 7,800). The indexer does not give such a word a name key when it
/// is written lower-case: it is a word of the language, not a name.
bool is_common_latin_word(std::string_view term) noexcept;

}  // namespace lisan
