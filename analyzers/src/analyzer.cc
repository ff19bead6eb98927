#include "lisan/analyzers/analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/localpointer.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <array>
#include <string>

#include "lisan/analyzers/error.h"
#include "lisan/analyzers/normalizer.h"
#include "lisan/analyzers/stopwords.h"
#include "lisan/analyzers/utf8.h"
#include "stemmer.h"

namespace lisan {
namespace {

std::size_t stemmer_index(Language lang) {
  switch (lang) {
    case Language::kArabic:
      return 0;
    case Language::kIndonesian:
      return 1;
    case Language::kEnglish:
      return 2;
    case Language::kUnknown:
      break;
  }
  return 3;
}

}  // namespace

struct AnalysisContext::Impl {
  Impl() {
    UErrorCode status = U_ZERO_ERROR;
    words.adoptInstead(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || words.isNull()) {
      throw Error(std::string("ICU word break iterator unavailable: ") + u_errorName(status));
    }
  }
  ~Impl() { utext_close(&text); }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  std::string_view stem(std::string_view term, Language lang) {
    const std::size_t index = stemmer_index(lang);
    if (index >= stemmers.size()) return term;
    return stemmers[index].stem(term);
  }

  icu::LocalPointer<icu::BreakIterator> words;
  UText text = UTEXT_INITIALIZER;
  std::array<internal::CachedStemmer, 3> stemmers = {internal::CachedStemmer(Language::kArabic),
                                                     internal::CachedStemmer(Language::kIndonesian),
                                                     internal::CachedStemmer(Language::kEnglish)};
  std::string term_buffer;  // reused: keeps its capacity across tokens and documents
};

AnalysisContext::AnalysisContext() : impl_(std::make_unique<Impl>()) {}
AnalysisContext::~AnalysisContext() = default;

TokenStream AnalysisContext::analyze(std::string_view text, Language lang) {
  return TokenStream(*impl_, text, lang);
}

std::string_view AnalysisContext::stem(std::string_view normalized_word, Language lang) {
  return impl_->stem(normalized_word, lang);
}

TokenStream::TokenStream(AnalysisContext::Impl& impl, std::string_view text, Language lang)
    : impl_(&impl), text_(text), lang_(lang) {
  // Offsets are int32 in ICU; longer texts are analysed up to that bound (the
  // indexer refuses such documents long before).
  if (text_.size() > static_cast<std::size_t>(INT32_MAX)) text_ = text_.substr(0, INT32_MAX);
  source_ = text_;
  UErrorCode status = U_ZERO_ERROR;
  // utext_openUTF8 reuses the context's UText: no allocation per document.
  // ICU reads ill-formed bytes as U+FFFD, which is never part of a word.
  utext_openUTF8(&impl_->text, text_.data(), static_cast<int64_t>(text_.size()), &status);
  if (U_SUCCESS(status)) impl_->words->setText(&impl_->text, status);
  if (U_FAILURE(status)) text_ = {};  // analyse nothing rather than fail
  begin_ = text_.empty() ? -1 : impl_->words->first();
}

std::size_t TokenStream::invalid_utf8() const noexcept { return count_invalid_utf8(source_); }

const Token* TokenStream::next() {
  if (begin_ < 0) return nullptr;
  icu::BreakIterator& words = *impl_->words;
  for (;;) {
    const std::int32_t end = words.next();
    if (end == icu::BreakIterator::DONE) {
      begin_ = -1;
      return nullptr;
    }
    const std::int32_t begin = begin_;
    begin_ = end;
    const std::int32_t status = words.getRuleStatus();
    // UBRK_WORD_NONE: spaces, punctuation, symbols, U+FFFD.
    if (status < UBRK_WORD_NONE_LIMIT) continue;
    const std::string_view word =
        text_.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin));
    std::string& normalized = impl_->term_buffer;
    normalize_word(word, normalized, TehMarbuta::kKeep);
    if (normalized.empty() || normalized.size() > kMaxTermBytes) continue;

    token_.term = normalized;
    token_.begin = static_cast<std::uint32_t>(begin);
    token_.end = static_cast<std::uint32_t>(end);
    token_.position = ++position_;
    token_.is_number = status < UBRK_WORD_NUMBER_LIMIT;
    token_.is_arabic_script = has_arabic_letter(normalized);
    token_.stem_language = token_.is_arabic_script ? Language::kArabic : lang_;
    if (token_.is_number) token_.stem_language = Language::kUnknown;
    // The stem comes from the form with teh marbuta (see TehMarbuta); the
    // term is folded after it.
    token_.stem = impl_->stem(normalized, token_.stem_language);
    if (token_.is_arabic_script) fold_teh_marbuta(normalized);
    if (token_.stem_language == Language::kUnknown) token_.stem = normalized;
    token_.term = normalized;
    token_.is_stopword = is_stopword(normalized, token_.stem_language);
    return &token_;
  }
}

}  // namespace lisan
