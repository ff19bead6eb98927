#include "lisan/analyzers/name_key.h"

#include <unicode/localpointer.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <span>
#include <unordered_map>

#include "lisan/analyzers/normalizer.h"
#include "lisan/analyzers/stopwords.h"
#include "name_key_rules.h"
#include "word_cache.h"

namespace lisan {
namespace {

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Letters that end a word on a vowel sound: Latin -a -i -o -y, Arabic ا ي و.
bool is_final_vowel(char c) { return is_vowel(c) || c == 'y' || c == 'w'; }

// Letters that make a digraph with a following h (sh ch kh gh th dh ph).
bool takes_h(char c) {
  return c == 's' || c == 'c' || c == 'k' || c == 'g' || c == 't' || c == 'd' || c == 'p';
}

// Consonant class of one letter or digraph starting at `at`; sets `length` to
// the bytes it consumed. 0 means "no consonant" (a vowel, or w/y inside the
// word). The classes merge what the two scripts write differently for the
// same sound in names:
//   sh, ch → x   (ش: Washington / واشنطن; Chad / تشاد); t before them is
//                the Arabic تش for ch (Archipenko / آرتشيبنكو)
//   kh, c, q, k, ck → k   (خ ق: Kazakhstan / كازاخستان)
//   g, gh, j → j   (غ ج: Georgia / جورجيا, Gaza / غزة)
//   th → t, dh → d, ph, v → f, p → b   (Arabic has no p or v: Trump / ترامب)
//   z → s   (ز is the Latin s between vowels and at the end: Reuters / رويترز)
//   x → ks, ng → n   (Washington: the g of -ngt- is not written in واشنطن;
//                     نغ and نج: the j after n is dropped by the caller)
// w and y are long vowels inside a word (Tokayev / توكاييف, Netanyahu /
// نتنياهو) but consonants at its start (Witkoff / ويتكوف, Yemen / يمن).
char consonant_class(std::string_view s, std::size_t at, std::size_t& length) {
  length = 1;
  const char c = s[at];
  const char next = at + 1 < s.size() ? s[at + 1] : '\0';
  const char after = at + 2 < s.size() ? s[at + 2] : '\0';
  // Consumes the second letter of a digraph.
  auto then = [&](char second) {
    if (next != second) return false;
    length = 2;
    return true;
  };
  switch (c) {
    case 's':
      return then('h') ? 'x' : 's';
    case 'z':
      return 's';
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
      if ((next == 's' || next == 'c') && after == 'h') return '\0';  // تش: ch
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
      if (after != 'h') then('g');  // n-gh is نغ: the gh is a letter of its own
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
  if (c >= 'a' && c <= 'z') return c;  // b h l m r keep their own class
  return '\0';
}

// The Slavic -ić, already folded to -ic, after a vowel and a consonant:
// Rakitic / راكيتيتش, Ivanovic / إيفانوفيتش (Arabic writes تش).
bool slavic_ic(std::string_view word) {
  const std::size_t n = word.size();
  return n >= 5 && word.ends_with("ic") && !is_vowel(word[n - 3]) && is_vowel(word[n - 4]);
}

// A German ch after a vowel, at the end or before a consonant, is خ:
// Holbach / هولباخ, Cronbach / كورنباخ; before a vowel it stays ش.
bool german_ch(std::string_view word, std::size_t at) {
  if (at == 0 || !is_vowel(word[at - 1]) || word.substr(at, 2) != "ch") return false;
  return at + 2 == word.size() || !is_vowel(word[at + 2]);
}

// A Polish w before -sk- or -icz is ف: Ostrowski / أوستروفسكي.
bool polish_w(std::string_view word, std::size_t at) {
  const std::string_view rest = word.substr(at);
  return at > 0 && (rest.starts_with("wsk") || rest.starts_with("wicz"));
}

// Spellings of Latin script only, made like the Arabic ones before the
// shared rules: c before e, i, y is s (Facebook / فيسبوك, Vincent / فنسنت);
// German sch is ش; an initial wh is w (Whitson / ويتسون); the Slavic -vić,
// already folded to -vic, is -vich (Ivanovic / إيفانوفيتش); Indonesian sy
// before a vowel is sh (Syekh / شيخ; Sydney and Syria keep their s).
std::string latin_respelling(std::string_view word) {
  std::string out;
  for (std::size_t at = 0; at < word.size(); ++at) {
    const char c = word[at];
    const char next = at + 1 < word.size() ? word[at + 1] : '\0';
    if (c == 'c' && (next == 'e' || next == 'i' || next == 'y')) {
      out.push_back('s');
    } else if (word.substr(at).starts_with("sch")) {
      out += "sh";
      at += 2;
    } else if (c == 's' && next == 'y' && at + 2 < word.size() && is_vowel(word[at + 2])) {
      out += "sh";  // Indonesian sy before a vowel is ش: Syekh, Syarif / شيخ, شريف
      at += 1;
    } else if (german_ch(word, at)) {
      out += "kh";
      at += 1;
    } else if (polish_w(word, at)) {
      out.push_back('v');
    } else if (at == 0 && word.starts_with("wh")) {
      out.push_back('w');
      at += 1;
    } else {
      out.push_back(c);
    }
  }
  if (slavic_ic(out)) out.push_back('h');
  return out;
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

// A word's consonant classes and whether it begins and ends on a vowel: the
// classes alone are the key of a long name, the vowels tell short ones apart.
struct Skeleton {
  std::string consonants;
  bool vowel_start = false;
  bool vowel_end = false;
};

// The letters of an ASCII (transliterated) word, lowercased. ICU writes ع and
// hamza as ʿ and ʾ (U+02BF, U+02BE), which Latin letters write as a vowel or
// not at all (Omar / عمر, Said / سعيد): they count as the vowel a.
std::string letters_of(std::string_view word) {
  std::string out;
  for (std::size_t at = 0; at < word.size(); ++at) {
    char c = word[at];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z') {
      out.push_back(c);
    } else if (c == '\xCA' && at + 1 < word.size() &&
               (word[at + 1] == '\xBF' || word[at + 1] == '\xBE')) {
      out.push_back('a');
      ++at;
    }
  }
  return out;
}

Skeleton skeleton_of(std::string_view ascii_word, bool latin) {
  std::string word = letters_of(ascii_word);
  if (latin) word = latin_respelling(word);
  Skeleton out;
  if (word.empty()) return out;
  out.vowel_start = is_vowel(word.front());
  // A final h is teh marbuta (غزة → ghzh, فاطمة → ftmh) or a silent Latin -h
  // (Fatimah): a vowel ending; but not the h of a digraph (Bosch, -tsh).
  if (word.size() > 1 && word.back() == 'h' && !takes_h(word[word.size() - 2])) {
    word.pop_back();
    out.vowel_end = true;
  } else {
    // A Latin final e after a consonant is mostly silent: Google / غوغل.
    const bool silent_e =
        latin && word.size() > 1 && word.back() == 'e' && !is_final_vowel(word[word.size() - 2]);
    out.vowel_end = is_final_vowel(word.back()) && !silent_e;
  }
  std::string& key = out.consonants;
  for (std::size_t at = 0; at < word.size();) {
    std::size_t length = 1;
    const char cls = consonant_class(word, at, length);
    if (word[at] == 'x') {
      key += "ks";  // Alexander / الكسندر
    } else if (cls == 'j' && !key.empty() && key.back() == 'n') {
      // نغ and نج write the Latin ng: Hong / هونغ, Benjamin / بنيامين.
    } else if (cls != '\0' && (key.empty() || key.back() != cls)) {
      key.push_back(cls);  // doubled letters count once: Witkoff / ويتكوف
    }
    at += length;
  }
  return out;
}

// A long skeleton is the key; a short one (Sami, Omar, Ali, Gaza) keeps
// whether the word begins and ends on a vowel, written as the letter a,
// which no consonant key holds: smi → "sma", عمر → "amr", علي → "ala".
// A long skeleton keeps them too, so that a query can rank the name spelled
// like it above a word that merely shares its consonants (name_key_forms).
std::string key_of(const Skeleton& skeleton) {
  if (skeleton.consonants.empty()) return {};
  std::string key;
  if (skeleton.vowel_start) key.push_back('a');
  key += skeleton.consonants;
  if (skeleton.vowel_end) key.push_back('a');
  // One consonant needs both marks (Ali: "ala"); "ma" (Miami) or "la"
  // would join nearly every short word.
  const bool long_enough =
      skeleton.consonants.size() >= kMinNameKeyLength ||
      (key.size() >= kMinShortNameKeyLength && key.size() > skeleton.consonants.size() + 1) ||
      skeleton.consonants.size() == 2;
  return long_enough ? key : std::string();
}

std::string compute_key(ThreadState& state, std::string_view term, bool keep_article) {
  const bool arabic = has_arabic_letter(term);
  if (arabic && !keep_article) term = strip_arabic_article(term);
  bool ascii = true;
  for (char c : term) {
    if (c >= '0' && c <= '9') return {};  // numbers and codes are not names
    if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
  }
  if (ascii) return key_of(skeleton_of(term, true));
  if (!arabic && !is_latin_script(term)) return {};
  if (arabic && is_arabic_script_only(term)) {
    return key_of(skeleton_of(state.arabic_to_ascii(term), false));
  }
  return key_of(skeleton_of(state.transliterate(term), !arabic));
}

ThreadState& thread_state() {
  thread_local ThreadState state;
  return state;
}

// Strips the first of `clitics` that `word` starts with, when at least four
// letters are left: shorter rests are too often a word of their own.
std::string_view strip_one(std::string_view word, std::span<const std::string_view> clitics) {
  constexpr std::size_t kMinRestBytes = 8;  // four Arabic letters
  for (std::string_view clitic : clitics) {
    if (word.starts_with(clitic) && word.size() - clitic.size() >= kMinRestBytes) {
      return word.substr(clitic.size());
    }
  }
  return word;
}

void add_key(std::vector<std::string>& keys, std::string key) {
  if (!key.empty() && std::find(keys.begin(), keys.end(), key) == keys.end()) {
    keys.push_back(std::move(key));
  }
}

}  // namespace

namespace internal {

std::string latin_skeleton(std::string_view ascii_word) {
  return skeleton_of(ascii_word, true).consonants;
}

std::string ascii_name_key(std::string_view ascii_word, bool latin_script) {
  return key_of(skeleton_of(ascii_word, latin_script));
}

}  // namespace internal

std::string name_key(std::string_view term) {
  ThreadState& state = thread_state();
  if (const std::optional<std::string_view> cached = state.cache.find(term)) {
    return std::string(*cached);
  }
  std::string key = compute_key(state, term, false);
  state.cache.insert(term, key);
  return key;
}

std::vector<std::string_view> name_key_spellings(std::string_view term) {
  constexpr std::string_view kConjunctions[] = {"\xD9\x88", "\xD9\x81"};  // و ف
  // ل before the article drops the article's alef: للرئيس is ل + الرئيس.
  constexpr std::string_view kPrepositions[] = {"\xD9\x84\xD9\x84", "\xD8\xA8", "\xD9\x84",
                                                "\xD9\x83"};  // لل ب ل ك
  std::vector<std::string_view> spellings{term};
  if (!has_arabic_letter(term)) return spellings;
  const std::string_view after_conjunction = strip_one(term, kConjunctions);
  if (after_conjunction.size() != term.size()) spellings.push_back(after_conjunction);
  const std::string_view after_preposition = strip_one(after_conjunction, kPrepositions);
  if (after_preposition.size() != after_conjunction.size()) spellings.push_back(after_preposition);
  return spellings;
}

namespace {

std::vector<std::string> keys_of(const std::vector<std::string_view>& spellings) {
  std::vector<std::string> keys;
  for (std::string_view spelling : spellings) add_key(keys, name_key(spelling));
  return keys;
}

}  // namespace

std::vector<std::string> name_keys(std::string_view term) {
  return keys_of(name_key_spellings(term));
}

std::vector<std::string> document_name_keys(std::string_view term) {
  const std::vector<std::string_view> spellings = name_key_spellings(term);
  if (has_arabic_letter(term)) {
    for (std::string_view spelling : spellings) {
      if (is_common_arabic_word(spelling)) return {};
    }
  }
  return keys_of(spellings);
}

std::vector<std::string> name_key_forms(std::string_view key) {
  std::string_view consonants = key;
  if (consonants.starts_with('a')) consonants.remove_prefix(1);
  if (consonants.ends_with('a')) consonants.remove_suffix(1);
  if (consonants.size() < kMinNameKeyLength) return {std::string(key)};
  std::vector<std::string> forms{std::string(key)};
  for (const char* start : {"a", ""}) {
    for (const char* end : {"a", ""}) add_key(forms, start + std::string(consonants) + end);
  }
  return forms;  // the bare consonants last
}

std::vector<std::string> name_query_keys(std::string_view term) {
  std::vector<std::string> keys = name_keys(term);
  if (has_arabic_letter(term)) {
    // The ال the key drops may be the name's own Al-: ألبرتو / Alberto.
    add_key(keys, compute_key(thread_state(), term, true));
  } else if ((term.starts_with("al") || term.starts_with("el")) && term.size() >= 5) {
    // A Latin Al-/El- may be the article that the Arabic key drops:
    // Altwaijri / التويجري.
    add_key(keys, name_key(term.substr(2)));
  }
  return keys;
}

}  // namespace lisan
