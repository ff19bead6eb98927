// Lexicon::installed(): the lexicon built into the library. Kept apart from
// translation.cc so that the build-time generator links without it.
#include "translation.h"

namespace lisan::internal {

// Generated at build time by tools/make_lexicon.cc (lexicon_data.cc).
extern const std::string_view kEmbeddedLexicon;

const Lexicon& Lexicon::installed() {
  static const Lexicon lexicon = parse(kEmbeddedLexicon);
  return lexicon;
}

}  // namespace lisan::internal
