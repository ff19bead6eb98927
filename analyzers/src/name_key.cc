#include "lisan/analyzers/name_key.h"

#include <unicode/localpointer.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <unordered_map>

#include "lisan/analyzers/normalizer.h"
#include "word_cache.h"

namespace lisan {
namespace {

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Consonant class of one letter or digraph starting at `at`; sets `length` to
// the bytes it consumed. 0 means "no consonant" (a vowel, or w/y inside the
// word). The classes merge what the two scripts write differently for the
// same sound in names:
//   sh, ch → x   (ش: Washington / واشنطن; Chad / تشاد)
//   kh, c, q, k, ck → k   (خ ق: Kazakhstan / كازاخستان)
//   g, gh, j → j   (غ ج: Georgia / جورجيا, Gaza / غزة)
//   th → t, dh → d, ph, v → f, p → b   (Arabic has no p or v: Trump / ترامب)
//   x → ks, ng → n   (Washington: the g of -ngt- is not written in واشنطن)
// w and y are long vowels inside a word (Tokayev / توكاييف, Netanyahu /
// نتنياهو) but consonants at its start (Witkoff / ويتكوف, Yemen / يمن).
char consonant_class(std::string_view s, std::size_t at, std::size_t& length) {
  length = 1;
  const char c = s[at];
  const char next = at + 1 < s.size() ? s[at + 1] : '\0';
  // Consumes the second letter of a digraph.
  auto then = [&](char second) {
    if (next != second) return false;
    length = 2;
    return true;
  };
  switch (c) {
    case 's':
      return then('h') ? 'x' : 's';
    case 'c':
      if (then('h')) return 'x';
      then('k');
      return 'k';
    case 'k':
      then('h');
      return 'k';
    case 'q':
      return 'k';
    case 'g':
      then('h');
      return 'j';
    case 'j':
      return 'j';
    case 't':
      then('h');
      return 't';
    case 'd':
      then('h');
      return 'd';
    case 'p':
      return then('h') ? 'f' : 'b';
    case 'v':
    case 'f':
      return 'f';
    case 'n':
      then('g');
      return 'n';
    case 'x':
      return 'x';  // the caller writes ks
    case 'w':
    case 'y':
      return at == 0 ? c : '\0';
    default:
      break;
  }
  if (is_vowel(c)) return '\0';
  if (c >= 'a' && c <= 'z') return c;  // b h l m r s x z keep their own class
  return '\0';
}

// Bounded like the stem cache: cleared when full (keys are short).
constexpr std::size_t kMaxCachedKeys = 100'000;

struct ThreadState {
  ThreadState() {
    UErrorCode status = U_ZERO_ERROR;
    // Any-Latin covers Arabic (ش → sh, خ → kh) and leaves Latin alone;
    // Latin-ASCII then removes the dots and accents (ص → ṣ → s, é → e).
    to_ascii.adoptInstead(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) to_ascii.adoptInstead(nullptr);
    status = U_ZERO_ERROR;
    arabic_to_latin.adoptInstead(
        icu::Transliterator::createInstance("Arabic-Latin", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) arabic_to_latin.adoptInstead(nullptr);
    status = U_ZERO_ERROR;
    latin_to_ascii.adoptInstead(
        icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) latin_to_ascii.adoptInstead(nullptr);
  }

  std::string transliterate(std::string_view word) {
    if (to_ascii.isNull()) return {};
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(word.data(), static_cast<std::int32_t>(word.size())));
    to_ascii->transliterate(text);
    std::string out;
    text.toUTF8String(out);
    return out;
  }

  // The ASCII letters transliterate() gives for a word of Arabic script
  // only, about three times faster: Any-Latin runs Arabic-Latin on such a
  // word, and of the whole chain Latin-ASCII is the costlier part, though
  // Arabic-Latin emits only a dozen non-ASCII code points (ḥ ṣ ā ʿ and a
  // few marks), each folded alone here, once per thread. The result may
  // differ from transliterate() in non-letters only, which latin_skeleton
  // ignores; a test compares the keys of real Arabic text both ways.
  std::string arabic_to_ascii(std::string_view word) {
    if (arabic_to_latin.isNull() || latin_to_ascii.isNull()) return transliterate(word);
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(word.data(), static_cast<std::int32_t>(word.size())));
    arabic_to_latin->transliterate(text);
    std::string out;
    for (std::int32_t at = 0; at < text.length();) {
      const UChar32 c = text.char32At(at);
      at += U16_LENGTH(c);
      if (c < 0x80) {
        out.push_back(static_cast<char>(c));
        continue;
      }
      auto folded = ascii_folds.find(c);
      if (folded == ascii_folds.end()) {
        icu::UnicodeString one(c);
        latin_to_ascii->transliterate(one);
        std::string ascii;
        one.toUTF8String(ascii);
        folded = ascii_folds.emplace(c, std::move(ascii)).first;
      }
      out += folded->second;
    }
    return out;
  }

  icu::LocalPointer<icu::Transliterator> to_ascii;
  icu::LocalPointer<icu::Transliterator> arabic_to_latin;
  icu::LocalPointer<icu::Transliterator> latin_to_ascii;
  std::unordered_map<UChar32, std::string> ascii_folds;  // Latin-ASCII of one code point
  internal::WordCache cache{kMaxCachedKeys};
};

// True when every code point of `word` is of Arabic script.
bool is_arabic_script_only(std::string_view word) {
  for (std::int32_t at = 0; at < static_cast<std::int32_t>(word.size());) {
    UChar32 c;
    U8_NEXT(word.data(), at, static_cast<std::int32_t>(word.size()), c);
    if (c < 0) return false;
    if (static_cast<UScriptCode>(u_getIntPropertyValue(c, UCHAR_SCRIPT)) != USCRIPT_ARABIC) {
      return false;
    }
  }
  return true;
}

// The Arabic definite article is not part of a name: الرياض is Riyadh.
// Stripped only when a word of at least three letters is left (الله, الا).
std::string_view strip_arabic_article(std::string_view term) {
  constexpr std::string_view kArticle = "\xD8\xA7\xD9\x84";  // ال
  constexpr std::size_t kMinRestBytes = 6;                   // three Arabic letters
  if (term.starts_with(kArticle) && term.size() - kArticle.size() >= kMinRestBytes) {
    return term.substr(kArticle.size());
  }
  return term;
}

// True when every letter is of Latin script (Ağrı, Müller): keys are for
// the two scripts lisan indexes; other scripts' transliterations would only
// add accidental joins.
bool is_latin_script(std::string_view word) {
  for (std::int32_t at = 0; at < static_cast<std::int32_t>(word.size());) {
    UChar32 c;
    U8_NEXT(word.data(), at, static_cast<std::int32_t>(word.size()), c);
    if (c < 0) return false;
    const auto script = static_cast<UScriptCode>(u_getIntPropertyValue(c, UCHAR_SCRIPT));
    if (script != USCRIPT_LATIN && script != USCRIPT_COMMON && script != USCRIPT_INHERITED) {
      return false;
    }
  }
  return true;
}

std::string compute_key(ThreadState& state, std::string_view term) {
  const bool arabic = has_arabic_letter(term);
  if (arabic) term = strip_arabic_article(term);
  bool ascii = true;
  for (char c : term) {
    if (c >= '0' && c <= '9') return {};  // numbers and codes are not names
    if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
  }
  if (ascii) return latin_skeleton(term);
  if (!arabic && !is_latin_script(term)) return {};
  if (arabic && is_arabic_script_only(term)) return latin_skeleton(state.arabic_to_ascii(term));
  return latin_skeleton(state.transliterate(term));
}

}  // namespace

std::string latin_skeleton(std::string_view ascii_word) {
  std::string word;
  for (char c : ascii_word) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z') word.push_back(c);
  }
  // A final h is teh marbuta (فاطمة → fatmh) or a silent Latin -h (Fatimah).
  if (word.size() > 1 && word.back() == 'h') word.pop_back();
  std::string key;
  for (std::size_t at = 0; at < word.size();) {
    std::size_t length = 1;
    const char cls = consonant_class(word, at, length);
    if (word[at] == 'x') {
      key += "ks";  // Alexander / الكسندر
    } else if (cls != '\0' && (key.empty() || key.back() != cls)) {
      key.push_back(cls);  // doubled letters count once: Witkoff / ويتكوف
    }
    at += length;
  }
  if (key.size() < kMinNameKeyLength) key.clear();
  return key;
}

std::string name_key(std::string_view term) {
  thread_local ThreadState state;
  if (const std::optional<std::string_view> cached = state.cache.find(term)) {
    return std::string(*cached);
  }
  std::string key = compute_key(state, term);
  state.cache.insert(term, key);
  return key;
}

}  // namespace lisan
