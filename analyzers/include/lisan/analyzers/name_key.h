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
#include <vector>

namespace lisan {

/// Skeletons of this many consonants are keys as they are. Shorter ones
/// ("bn", "ml") join far too many unrelated words alone: their key also says
/// whether the word begins and ends on a vowel (name_key.cc).
inline constexpr std::size_t kMinNameKeyLength = 3;
/// A short skeleton's key with its vowel marks is at least this long, and a
/// single consonant needs both marks (Ali: "ala", Google: "jl").
inline constexpr std::size_t kMinShortNameKeyLength = 2;

/// The key of one normalized word (Token::term: NFKC_Casefold + Arabic
/// folding). Cost: a hash lookup for a word seen before on this thread;
/// otherwise, for Arabic, one ICU transliteration.
/// @pre `term` is well-formed UTF-8
/// @return lowercase ASCII letters, at least kMinShortNameKeyLength of them;
///         "" when the word gets no key: numbers, words with digits, words of
///         other scripts, and skeletons too short even with their vowel marks
std::string name_key(std::string_view term);

/// The spellings a word is keyed under: the word, and for Arabic script the
/// word without its one-letter proclitics, a conjunction (و ف) and then a
/// preposition (ب ك ل; لل for ل with the article), while four letters are
/// left: وبوتين → بوتين, والتوكاييف → التوكاييف (whose key drops ال).
/// The indexer and the searcher use the same rules. Views into `term`.
std::vector<std::string_view> name_key_spellings(std::string_view term);

/// The distinct non-empty keys of name_key_spellings(term): what the indexer
/// writes for a word.
std::vector<std::string> name_keys(std::string_view term);

/// The keys the indexer writes for a document's word: name_keys(term), or
/// none when the word, or the word without its proclitics, is an ordinary
/// Arabic word (is_common_arabic_word: الاجتماع, والاجتماع). Their
/// skeletons are what joins most unrelated Latin names (الاجتماع → jtm →
/// Gautam); a query word keeps its keys, as a name may also be a word.
std::vector<std::string> document_name_keys(std::string_view term);

/// name_keys(term), and the keys a query word also looks for because a
/// leading Al- may be the article or part of the name: an Arabic word's key
/// with its ال, a Latin word's key without al/el (Alberto / ألبرتو).
std::vector<std::string> name_query_keys(std::string_view term);

/// The keys that match `key` (one of name_key's): a key of three consonants
/// or more matches whatever its vowel marks (the first form is `key` itself,
/// the closest spelling; the last the consonants alone); a shorter one only
/// itself.
std::vector<std::string> name_key_forms(std::string_view key);

}  // namespace lisan
