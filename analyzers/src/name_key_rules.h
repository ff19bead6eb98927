#pragma once

// The name key's rules on ASCII letters, below name_key(): what the unit
// tests check one rule at a time.

#include <string>
#include <string_view>

namespace lisan::internal {

// The skeleton rules alone, on a word already in ASCII Latin letters (the
// output of transliteration; ʿ and ʾ count as the vowel a); other bytes are
// ignored.
// @return the consonant classes, of any length (no kMinNameKeyLength cut)
std::string latin_skeleton(std::string_view ascii_word);

// The key of a word already in ASCII letters: its skeleton with vowel
// marks. `latin_script`: the word was written in Latin letters (the rules
// for Latin spellings apply: c before e, silent final e).
std::string ascii_name_key(std::string_view ascii_word, bool latin_script);

}  // namespace lisan::internal
