// Dictionary translation of query words between Arabic, Indonesian and
// English: a lexicon from a word's stem to its translations, strongest first.
// It is built from the FreeDict dictionaries when lisan is built
// (lexicon_builder.h) and embedded in the library, so a search never reads
// or analyses a dictionary.
//
// Thread-safety: a Lexicon is immutable once built and may be shared by any
// number of threads. Lifetime: installed() lives until the process ends; the
// spans returned by translate() live as long as their Lexicon.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lisan/analyzers/language.h"

namespace lisan::internal {

struct Translation {
  Language language = Language::kUnknown;
  // Normalized, unstemmed words of the translation ("ibu kota" has two).
  std::vector<std::string> terms;
  // Their stems in `language` (for a one-word translation: the term to search).
  std::vector<std::string> stems;
  double weight = 0;
};

class Lexicon {
 public:
  // The lexicon embedded at build time, parsed on first use (empty when the
  // dictionaries were not installed on the build machine).
  static const Lexicon& installed();

  // Reads the text form written by serialize(); throws InvalidArgument on a
  // malformed line (the embedded lexicon is checked by the tests).
  static Lexicon parse(std::string_view text);

  // One translation a line: source language, source stem, target language,
  // weight, the target's terms and its stems (words separated by spaces),
  // separated by tabs; sources in sorted order.
  std::string serialize() const;

  // Translations of a word of language `from`, given its stem in `from`
  // (Token::stem), strongest first; empty when the dictionaries do not know it.
  std::span<const Translation> translate(Language from, std::string_view stem) const;

  // Sets the translations of a source word ("en presid": language code, a
  // space, the stem).
  void add(std::string source_key, std::vector<Translation> translations);

  // Source words that have at least one translation.
  std::size_t size() const noexcept { return entries_.size(); }

 private:
  std::unordered_map<std::string, std::vector<Translation>> entries_;
};

}  // namespace lisan::internal
