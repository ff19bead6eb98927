#include "lisan/analyzers/utf8.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace lisan {
namespace {

// Calls on_valid(begin, end) for each run of well-formed bytes and
// on_invalid() for each ill-formed subpart, in order.
template <typename Valid, typename Invalid>
void scan_utf8(std::string_view text, Valid on_valid, Invalid on_invalid) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t run_start = 0;
  int32_t i = 0;
  while (i < length) {
    if (s[i] < 0x80) {
      // ASCII: a run of it goes eight bytes at a time while none has its
      // high bit (a lone space between Arabic words is not tried).
      ++i;
      while (length - i >= 8 && s[i] < 0x80) {
        std::uint64_t block;
        std::memcpy(&block, s + i, sizeof block);
        if ((block & 0x8080808080808080ull) != 0) break;
        i += 8;
      }
      continue;
    }
    // A well-formed two-byte sequence (Arabic letters, Latin accents).
    if (s[i] >= 0xC2 && s[i] <= 0xDF && i + 1 < length && (s[i + 1] & 0xC0) == 0x80) {
      i += 2;
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      on_valid(run_start, start);
      on_invalid();
      run_start = i;
    }
  }
  on_valid(run_start, length);
}

}  // namespace

std::size_t count_invalid_utf8(std::string_view text) noexcept {
  std::size_t errors = 0;
  scan_utf8(
      text, [](int32_t, int32_t) {}, [&] { ++errors; });
  return errors;
}

std::string repair_utf8(std::string_view text, std::size_t* replaced) {
  std::string out;
  out.reserve(text.size());
  std::size_t errors = 0;
  scan_utf8(
      text,
      [&](int32_t begin, int32_t end) {
        out.append(
            text.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin)));
      },
      [&] {
        ++errors;
        out.append("\xEF\xBF\xBD");
      });
  if (replaced != nullptr) *replaced = errors;
  return out;
}

bool looks_binary(std::string_view text) noexcept {
  // A sample is enough to tell text from binary; scanning a 1 GB file twice is not.
  constexpr std::size_t kSample = 64 * 1024;
  // Below this many bytes a few bad bytes make a large ratio: a short note
  // with one mangled accented word is text to repair, not binary.
  constexpr std::size_t kRatioSample = 512;
  const std::string_view sample = text.substr(0, std::min(text.size(), kSample));
  if (sample.find('\0') != std::string_view::npos) return true;
  if (sample.empty()) return false;
  // C0 controls other than the layout ones (tab, newlines, form feed) and ESC
  // (coloured logs) do not occur in text; in random bytes about one in eleven is one.
  const auto controls =
      static_cast<std::size_t>(std::count_if(sample.begin(), sample.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c < 0x20 && !(c >= 0x09 && c <= 0x0D) && c != 0x1B;
      }));
  if (controls > 1 && controls * 20 > sample.size()) return true;
  // A cut in the middle of a multi-byte character at the sample's end is not an error.
  const std::size_t errors = count_invalid_utf8(sample);
  if (errors <= 1) return false;
  if (sample.size() < kRatioSample) return errors * 2 > sample.size();  // mostly undecodable
  return errors * 10 > sample.size();
}

}  // namespace lisan
