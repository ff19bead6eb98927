#include "stemmer.h"

#include "lisan/analyzers/normalizer.h"

namespace lisan::internal {

namespace {

// Snowball's Arabic stemmer removes the conjunctions و and ف only before a
// letter other than alef, so "and the government" keeps its article:
// والحكومة → والحكوم while الحكومة → حكوم. Taking the conjunction off first
// gives both the same stem. (A word that itself starts with وال, such as
// والد "father", is 4+ letters after the article only in rare cases; we
// require three letters after ال to keep short words like والي intact.)
std::string_view strip_arabic_conjunction(std::string_view word) {
  constexpr std::string_view kWawAl = "\xD9\x88\xD8\xA7\xD9\x84";  // وال
  constexpr std::string_view kFaAl = "\xD9\x81\xD8\xA7\xD9\x84";   // فال
  constexpr std::size_t kMinStemBytes = 3 * 2;                     // three Arabic letters
  if ((word.starts_with(kWawAl) || word.starts_with(kFaAl)) &&
      word.size() >= kWawAl.size() + kMinStemBytes) {
    return word.substr(2);  // drop the one-letter (2-byte) conjunction
  }
  return word;
}

// Snowball takes a word without the article for a verb when it can, and then
// removes only the final ت of the feminine plural ات: اتفاقيات → اتفاقيا,
// while الاتفاقيات → اتفاق. Removing ات from words of six letters or more
// first makes both اتفاق. Shorter words keep it: in أوقات or بنات the ات is
// not a suffix that can go without leaving a stub.
std::string_view strip_feminine_plural(std::string_view word) {
  constexpr std::string_view kAlefTeh = "\xD8\xA7\xD8\xAA";  // ات
  constexpr std::size_t kMinWordBytes = 6 * 2;               // six Arabic letters
  if (word.ends_with(kAlefTeh) && word.size() >= kMinWordBytes) {
    return word.substr(0, word.size() - kAlefTeh.size());
  }
  return word;
}

}  // namespace

CachedStemmer::CachedStemmer(Language lang) : lang_(lang), stemmer_(snowball_name(lang)) {}

std::string CachedStemmer::compute(std::string_view word) {
  if (lang_ != Language::kArabic) return stemmer_(std::string(word));
  std::string stem = stemmer_(std::string(strip_feminine_plural(strip_arabic_conjunction(word))));
  fold_teh_marbuta(stem);
  return stem;
}

std::string_view CachedStemmer::stem(std::string_view word) {
  if (const std::optional<std::string_view> cached = cache_.find(word)) return *cached;
  std::string stemmed = compute(word);
  if (stemmed.empty()) stemmed.assign(word);  // keep every token searchable
  return cache_.insert(word, stemmed);
}

}  // namespace lisan::internal
