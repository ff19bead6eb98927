/// @file
/// The cross-script name key: a Latin consonant skeleton of a word, so that a
/// name written in Arabic script and the same name written in Latin letters
/// meet on one index term (توكاييف and Tokayev both give "tkf").
///
/// Arabic words go through ICU transliteration (Arabic-Latin; Latin-ASCII),
/// Latin words are folded to ASCII; then both follow the same skeleton rules
/// (vowels and long-vowel letters dropped, related consonants merged, doubles
/// collapsed — see name_key.cc). The key is deliberately coarse: it finds names
/// across scripts and also joins some unrelated words, which is why the index
/// keeps keys of the two scripts apart and the searcher only matches a word's
/// key against the other script's keys, below exact and stemmed forms.
///
/// Thread-safety: thread-safe. Each thread lazily builds its own ICU
/// Transliterator (ICU transliterators are not thread-safe) and word → key
/// cache, kept until the thread ends.
/// Lifetime: results are returned by value.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lisan {

/// Keys shorter than this are not produced: two consonants ("bn", "ml") join
/// far too many unrelated words to help.
inline constexpr std::size_t kMinNameKeyLength = 3;

/// The key of one normalized word (Token::term: NFKC_Casefold + Arabic
/// folding). Cost: a hash lookup for a word seen before on this thread;
/// otherwise, for Arabic, one ICU transliteration.
/// @pre `term` is well-formed UTF-8
/// @return lowercase ASCII letters; "" when the word gets no key: numbers,
///         words with digits, words of other scripts, and skeletons shorter
///         than kMinNameKeyLength
std::string name_key(std::string_view term);

/// The skeleton rules alone, on a word already in ASCII Latin letters (the
/// output of transliteration); other bytes are ignored. Exposed for tests.
/// @return the skeleton, of any length (no kMinNameKeyLength cut)
std::string latin_skeleton(std::string_view ascii_word);

}  // namespace lisan
