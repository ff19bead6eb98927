/// @file
/// The analysis pipeline: text → tokens (normalized terms, stems, offsets,
/// positions). One code path serves indexing and querying.
///
///     validate UTF-8 → ICU word segmentation (UAX #29, on UTF-8 directly)
///     → NFKC_Casefold → Arabic folding → length filter → Snowball stem (cached)
///
/// Thread-safety: an AnalysisContext is NOT thread-safe; create one per thread
/// and reuse it (it owns the ICU break iterator, the Snowball stemmers and the
/// stem cache, whose construction is far costlier than analysing a sentence).
/// Lifetime: a TokenStream borrows its context and its text; both must outlive
/// it, and a context runs one stream at a time. The Token returned by next()
/// and the views inside it stay valid until the following next() call.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "lisan/analyzers/language.h"

namespace lisan {

/// One word of analysed text: its index term, its stem and where it was.
struct Token {
  /// Normalized, unstemmed form (NFKC_Casefold + Arabic folding). Never empty,
  /// always well-formed UTF-8, at most kMaxTermBytes bytes.
  std::string_view term;
  /// Snowball stem of `term` in `stem_language`; equal to `term` when the word
  /// is not stemmed (numbers, Language::kUnknown).
  std::string_view stem;
  /// Byte offset of the word's first byte in the analysed text.
  std::uint32_t begin = 0;
  /// Byte offset just past the word's last byte (the word is [begin, end)).
  std::uint32_t end = 0;
  /// 1-based word position (Xapian's convention); increases by one per token.
  std::uint32_t position = 0;
  /// Language whose stemmer made `stem`: Arabic-script words are Arabic
  /// whatever the document's language; Latin words take the document's.
  Language stem_language = Language::kUnknown;
  /// The word is written in Arabic script.
  bool is_arabic_script = false;
  /// The word is a number (digits of any script; never stemmed).
  bool is_number = false;
  /// A stopword of `stem_language` (or of the document's language).
  bool is_stopword = false;
};

/// Longer words (base64 runs, URLs without breaks) are dropped: no one searches
/// for them and Xapian limits a term to 245 bytes.
inline constexpr std::size_t kMaxTermBytes = 64;

class TokenStream;

/// Everything analysis needs that is costly to build (ICU break iterator,
/// Snowball stemmers, stem cache): make one per thread and reuse it.
class AnalysisContext {
 public:
  /// Builds the context. @throws Error when ICU's word-break rules cannot
  /// be loaded (a broken ICU installation).
  AnalysisContext();
  ~AnalysisContext();
  AnalysisContext(const AnalysisContext&) = delete;
  AnalysisContext& operator=(const AnalysisContext&) = delete;

  /// Starts analysing `text` as `lang` (kUnknown: no stemming of Latin words).
  /// Invalid UTF-8 never fails: ill-formed bytes separate words and are
  /// counted (TokenStream::invalid_utf8()).
  /// @param text borrowed; must outlive the returned stream
  /// @param lang the text's language (chooses stemmer and stopwords)
  /// @return a stream of the text's tokens, in order
  TokenStream analyze(std::string_view text, Language lang);

  /// The stem of one word, as analyze() stems it (Snowball behind this
  /// context's cache; for Arabic, lisan's pre-steps first and teh marbuta
  /// folded after).
  /// @param normalized_word as normalize_word(word, out, TehMarbuta::kKeep) gives it
  /// @param lang kUnknown gives the word back unstemmed
  /// @return valid until the next call on this context
  std::string_view stem(std::string_view normalized_word, Language lang);

 private:
  friend class TokenStream;  // reads the context it was made from
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The tokens of one text, one at a time (from AnalysisContext::analyze()).
class TokenStream {
 public:
  /// The next token, or nullptr at the end of the text. The token is valid
  /// until the following call.
  const Token* next();

  /// Ill-formed UTF-8 sequences in the text, counted when asked (a pass over
  /// the whole text, which streams that never ask do not pay for).
  std::size_t invalid_utf8() const noexcept;

 private:
  friend class AnalysisContext;
  TokenStream(AnalysisContext::Impl& impl, std::string_view text, Language lang);

  AnalysisContext::Impl* impl_;
  std::string_view source_;  // the text given (text_ is emptied if ICU refuses it)
  std::string_view text_;
  Language lang_;
  std::int32_t begin_ = 0;
  std::uint32_t position_ = 0;
  Token token_;
};

}  // namespace lisan
