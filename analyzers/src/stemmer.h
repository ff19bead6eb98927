// Snowball stemming through Xapian::Stem, behind a per-thread cache.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

#include "lisan/analyzers/language.h"
#include "word_cache.h"

namespace lisan::internal {

// One language's stemmer with a word → stem cache. Stems repeat with Zipf
// frequency, so the cache answers most lookups without running Snowball.
// Not thread-safe: Xapian::Stem copies share state, so each thread's
// AnalysisContext constructs its own.
class CachedStemmer {
 public:
  // Requires: lang is one of kStemmedLanguages.
  explicit CachedStemmer(Language lang);

  // Stem of a normalized word (for Arabic: normalized with teh marbuta kept;
  // the returned stem has it folded). Valid until the next call.
  std::string_view stem(std::string_view word);

 private:
  // Bounded: cleared when full, which costs some misses and keeps memory flat
  // on huge corpora (about 100 bytes an entry).
  static constexpr std::size_t kMaxEntries = 200'000;

  std::string compute(std::string_view word);

  Language lang_;
  Xapian::Stem stemmer_;
  WordCache cache_{kMaxEntries};
};

}  // namespace lisan::internal
