// The term emitter: turns one prepared document into a Xapian::Document by
// the schema in lisan/indexer/schema.h.
//
// Not thread-safe: one builder per thread (it owns an AnalysisContext).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "lisan/analyzers/analyzer.h"
#include "lisan/indexer/stored_document.h"

namespace lisan::internal {

struct PreparedDocument {
  StoredDocument stored;  // id, title, url, source, size, text (repaired)
  Language language = Language::kUnknown;
  std::int64_t mtime = 0;
  std::uint64_t hash = 0;
};

class DocumentBuilder {
 public:
  Xapian::Document build(const PreparedDocument& doc);

 private:
  void index_body(Xapian::Document& out, std::string_view text, Language lang);
  void index_title(Xapian::Document& out, std::string_view title, Language lang);
  // The cross-script name key of a word that may be a name (XKA…/XKL…).
  void add_name_key(Xapian::Document& out, const Token& token, std::string_view text);

  // What a document's body adds for one distinct word besides its
  // positions: its stem and name key terms (each decided once per word),
  // and how often they occur. Written with their counts at the end of the
  // body, so a word repeated in a document costs one lookup in this small
  // table instead of a name-key cache lookup and two insertions into
  // Xapian's term map (docs/PERFORMANCE.md).
  struct WordTerms {
    std::string stem;       // the stem its first occurrence had
    std::string stem_term;  // empty: none (stopword, own stem, no stemmer)
    std::string key_term;   // empty: none (not a name candidate, no key)
    Xapian::termcount stem_count = 0;
    Xapian::termcount key_count = 0;
    bool key_decided = false;  // key_term made (at the first candidate occurrence)
  };
  struct WordHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view word) const {
      return std::hash<std::string_view>{}(word);
    }
  };
  // The entry of `token`'s word, made (with its stem term) at its first occurrence.
  WordTerms& terms_of(const Token& token);
  static bool has_stem_term(const Token& token);
  void add_stem(Xapian::Document& out, const Token& token);

  AnalysisContext analysis_;
  std::string term_;  // reused prefix + term buffer
  std::unordered_map<std::string, WordTerms, WordHash, std::equal_to<>> body_words_;
};

// FNV-1a, 64 bits: a fast content fingerprint for "did this file change?"
// (not a security hash; a collision only makes one update look unchanged).
std::uint64_t content_hash(std::string_view bytes) noexcept;
std::string hash_hex(std::uint64_t hash);

}  // namespace lisan::internal
