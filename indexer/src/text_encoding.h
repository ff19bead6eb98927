// Text in encodings other than UTF-8: told by a byte order mark, by ICU's
// charset detector (ucsdet) or by the user, and converted with ICU (ucnv).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lisan::internal {

// ICU's detector gives 0–100; below this its guesses are wrong too often to
// act on (random high bytes get GB18030 or Big5 at up to 51), so the file is
// reported as before.
inline constexpr int kMinEncodingConfidence = 60;
// ICU's Arabic code pages score real Arabic lower (the seed texts: 22–66,
// ISO-8859-6 lowest) and random bytes at 1–4: a guess of one of them counts
// from this.
inline constexpr int kMinArabicConfidence = 20;

struct DetectedEncoding {
  std::string name;    // ICU's name, e.g. "windows-1256", "ISO-8859-1"
  int confidence = 0;  // 0–100
};

// "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE" or "UTF-32BE" when `bytes`
// begins with that byte order mark; empty otherwise.
std::string_view bom_encoding(std::string_view bytes) noexcept;

// The legacy encoding of `bytes` when ICU's detector names one confidently
// (kMinEncodingConfidence; kMinArabicConfidence for windows-1256 and
// ISO-8859-6) — the likeliest such of its guesses; never UTF-8, UTF-16 or UTF-32 without a byte
// order mark, and nothing for bytes holding NUL. `markup`: HTML or XML,
// whose tags the detector then passes over. Reads the first 16 KiB.
std::optional<DetectedEncoding> detect_encoding(std::string_view bytes, bool markup = false);

// `bytes` in `encoding` as UTF-8, a byte order mark dropped; bytes the
// encoding cannot map become U+FFFD. nullopt when ICU has no such converter.
std::optional<std::string> to_utf8(std::string_view bytes, const char* encoding);

}  // namespace lisan::internal
