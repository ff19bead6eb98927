// Dictionary translation of query words between Arabic, Indonesian and
// English, from the FreeDict dictionaries that Debian packages for dictd
// (dict-freedict-eng-ara, -ara-eng, -eng-ind).
//
// Every headword and every translation is analysed with lisan's own analyzer,
// so entries are keyed by stems: the query word "presidents" finds the entry
// "president", and the Arabic translation الرئيس is searched by its stem.
// Each dictionary is also read backwards (ara-eng gives English → Arabic too),
// and Indonesian ↔ Arabic pivots through English. A translation's weight is
// the evidence for it: the sum over the paths that reach it of 1/sense rank
// (pivot paths multiply); rare senses and weak translations are dropped.
//
// Thread-safety: a Lexicon is immutable after construction and may be shared
// by any number of threads. Lifetime: installed() lives until the process
// ends; the spans returned by translate() live as long as the Lexicon.
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
  // Reads freedict-{eng-ara,ara-eng,eng-ind}.{index,dict.dz} in `dir`. A
  // missing dictionary leaves its directions empty; a damaged one throws
  // IoError naming the file. Cost: about a second (every entry is analysed).
  explicit Lexicon(const std::string& dir);

  // The lexicon of the dictionaries installed on this system (the folder in
  // $LISAN_DICT_DIR, else Debian's /usr/share/dictd), built on first use.
  static const Lexicon& installed();

  // Translations of a word of language `from`, given its stem in `from`
  // (Token::stem), strongest first; empty when the dictionaries do not know it.
  std::span<const Translation> translate(Language from, std::string_view stem) const;

  // Source words (language, stem) that have at least one translation.
  std::size_t size() const noexcept { return entries_.size(); }

 private:
  std::unordered_map<std::string, std::vector<Translation>> entries_;
};

}  // namespace lisan::internal
