#include "lisan/analyzers/normalizer.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace lisan {
namespace {

const icu::Normalizer2* nfkc_casefold() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return instance;
}

bool is_ascii(std::string_view s) noexcept {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// UTF-8 lead bytes 0xD8..0xDB encode U+0600..U+06FF, the Arabic block; after
// NFKC every Arabic presentation form has become a character of that block.
bool may_hold_arabic(std::string_view s) noexcept {
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0xD8 && b <= 0xDB) return true;
  }
  return false;
}

// What fold_arabic does with one code point.
//   returns -1: drop it; otherwise: the code point to write.
UChar32 fold_arabic_char(UChar32 c, TehMarbuta teh_marbuta) {
  switch (c) {
    // Hamza-carrying and wasla alefs are spelled inconsistently in running
    // text: أحمد / احمد, إسرائيل / اسرائيل, آمن / امن, ٱلله / الله.
    case 0x0623:      // أ
    case 0x0625:      // إ
    case 0x0622:      // آ
    case 0x0671:      // ٱ
      return 0x0627;  // ا
    // Alef maqsura and final yeh are interchanged, notably in Egyptian
    // spelling: على / علي, مصطفى / مصطفي.
    case 0x0649:      // ى
      return 0x064A;  // ي
    // Teh marbuta is often written as heh: مدرسة / مدرسه.
    case 0x0629:                                             // ة
      return teh_marbuta == TehMarbuta::kFold ? 0x0647 : c;  // ه
    // Persian keheh and Farsi yeh appear in Arabic web text typed on Persian
    // keyboards: کتاب → كتاب, علی → علي.
    case 0x06A9:      // ک
      return 0x0643;  // ك
    case 0x06CC:      // ی
      return 0x064A;  // ي
    // Tatweel (kashida) only stretches a word for justification: كـــتاب → كتاب.
    case 0x0640:
      return -1;
    default:
      break;
  }
  // Arabic-Indic and Persian (extended Arabic-Indic) digits: ١٢٣ / ۱۲۳ → 123.
  if (c >= 0x0660 && c <= 0x0669) return '0' + (c - 0x0660);
  if (c >= 0x06F0 && c <= 0x06F9) return '0' + (c - 0x06F0);
  // Harakat (fatha, damma, kasra, tanween, shadda, sukun: الصِّرَاطَ → الصراط),
  // the superscript alef (هٰذا → هذا) and Quranic annotation marks are all
  // nonspacing marks; readers and writers omit them at will.
  if (c >= 0x0610 && c <= 0x06FF && u_charType(c) == U_NON_SPACING_MARK) return -1;
  return c;
}

}  // namespace

void fold_teh_marbuta(std::string& text) noexcept {
  // ة is D8 A9 and ه is D9 87 in UTF-8; no other character contains D8 A9.
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] == '\xD8' && text[i + 1] == '\xA9') {
      text[i] = '\xD9';
      text[i + 1] = '\x87';
    }
  }
}

void fold_arabic(std::string& text, TehMarbuta teh_marbuta) {
  if (!may_hold_arabic(text)) return;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  // Folding never lengthens a character (Arabic → Arabic is 2 → 2 bytes,
  // digits 2 → 1, marks 2 → 0), so it can be done in place.
  int32_t read = 0;
  int32_t write = 0;
  auto* out = reinterpret_cast<uint8_t*>(text.data());
  while (read < length) {
    UChar32 c;
    U8_NEXT(s, read, length, c);
    if (c < 0) continue;  // not reachable for normalized input; drop defensively
    const UChar32 folded = fold_arabic_char(c, teh_marbuta);
    if (folded < 0) continue;
    // Never fails: the capacity (`read`) is always ahead of `write`.
    U8_APPEND_UNSAFE(out, write, folded);
  }
  text.resize(static_cast<std::size_t>(write));
}

void normalize_word(std::string_view word, std::string& out) {
  normalize_word(word, out, TehMarbuta::kFold);
}

void normalize_word(std::string_view word, std::string& out, TehMarbuta teh_marbuta) {
  out.clear();
  if (is_ascii(word)) {
    // NFKC_Casefold of ASCII is ASCII lowercasing; skip ICU for the common case.
    out.assign(word);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return;
  }
  const icu::Normalizer2* normalizer = nfkc_casefold();
  if (normalizer == nullptr) {
    out.assign(word);
  } else {
    UErrorCode status = U_ZERO_ERROR;
    icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(word.size()));
    normalizer->normalizeUTF8(0, icu::StringPiece(word.data(), static_cast<int32_t>(word.size())),
                              sink, nullptr, status);
    if (U_FAILURE(status)) out.assign(word);
  }
  // The right single quotation mark is the apostrophe of typeset English
  // (Kazakhstan’s); spell it as ASCII so that both forms are one term and the
  // English stemmer sees the possessive it knows.
  for (std::size_t at = out.find("\u2019"); at != std::string::npos; at = out.find("\u2019", at)) {
    out.replace(at, 3, "'");
  }
  fold_arabic(out, teh_marbuta);
}

bool has_arabic_letter(std::string_view text) noexcept {
  if (!may_hold_arabic(text)) return false;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c >= 0x0620 && c <= 0x06FF && u_isalpha(c)) return true;
  }
  return false;
}

}  // namespace lisan
