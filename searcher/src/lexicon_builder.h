// Builds the translation lexicon from the FreeDict dictionaries that Debian
// packages for dictd (freedict-{eng-ara,ara-eng,eng-ind}.{index,dict.dz}).
// Runs at build time (tools/make_lexicon.cc); the library embeds the result.
//
// Every headword and every translation is analysed with lisan's own analyzer,
// so entries are keyed by stems: the query word "presidents" finds the entry
// "president", and the Arabic translation الرئيس is searched by its stem.
// Each dictionary is also read backwards (ara-eng gives English → Arabic too),
// and Indonesian ↔ Arabic pivots through English. A translation's weight is
// the evidence for it: 1/sense rank, summed over the dictionaries and
// directions that give it (pivot paths multiply and add up); rare senses and
// weak translations are dropped.
//
// Thread-safety: thread-safe (each call uses its own analysis context).
#pragma once

#include <string>

#include "translation.h"

namespace lisan::internal {

// The lexicon of the dictionaries in `dir`. A missing dictionary leaves its
// directions empty; a damaged one throws IoError naming the file.
// Cost: a few seconds (every entry is analysed).
Lexicon lexicon_from_dictionaries(const std::string& dir);

}  // namespace lisan::internal
