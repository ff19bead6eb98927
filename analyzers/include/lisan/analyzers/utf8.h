/// @file
/// UTF-8 validation and repair.
///
/// Thread-safety: pure functions; call from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lisan {

/// Number of ill-formed UTF-8 sequences in `text` (each maximal ill-formed
/// subpart counts once, as in the Unicode "best practice" for U+FFFD
/// substitution). O(n); 0 for empty input.
std::size_t count_invalid_utf8(std::string_view text) noexcept;

/// Copy of `text` with every ill-formed sequence replaced by U+FFFD.
/// @param text any bytes
/// @param replaced when not null, receives the number of replacements
std::string repair_utf8(std::string_view text, std::size_t* replaced = nullptr);

/// True when the sampled prefix (64 KiB) of `text` holds a NUL byte, more
/// than 5 % control bytes other than tab, newlines, form feed and ESC, or is
/// mostly not decodable as UTF-8: more than 10 % ill-formed sequences in a
/// sample of 512 bytes or more, more than half in a shorter one (so that a
/// short text with a few bad bytes is repaired, not skipped).
bool looks_binary(std::string_view text) noexcept;

}  // namespace lisan
