/// @file
/// Stopword lists for Arabic, Indonesian and English, written for lisan
/// (`analyzers/data/LANG/stopwords.txt`). The searcher drops stopwords from
/// ranked query parts; the indexer keeps them as unstemmed terms so that
/// phrases containing them still match.
///
/// Thread-safety: thread-safe; the lists are built once, on first use.
#pragma once

#include <string_view>

#include "lisan/analyzers/language.h"

namespace lisan {

/// True when the normalized (NFKC_Casefold + Arabic-folded) `term` is a
/// stopword of `lang`. Always false for Language::kUnknown.
bool is_stopword(std::string_view term, Language lang) noexcept;

/// True when `term` is a stopword of any of the three languages.
bool is_stopword_in_any_language(std::string_view term) noexcept;

/// True when the normalized Arabic `term`, with or without the article ال,
/// is an ordinary word of Arabic (`analyzers/data/ar/common_words.txt`,
/// from a treebank's words not tagged as names): the indexer writes no name
/// key for it, as its skeleton would only join it with unrelated Latin
/// names (name_key.h, document_name_keys).
bool is_common_arabic_word(std::string_view term) noexcept;

}  // namespace lisan
