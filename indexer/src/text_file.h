// Splits a plain-text document into title, body and trailing URL.
#pragma once

#include <string>
#include <string_view>

namespace lisan::internal {

// A title longer than this is cut (a file of one 50 MB line must not give a
// 50 MB title to every result list that shows it).
inline constexpr std::size_t kMaxTitleBytes = 300;

struct TextParts {
  std::string_view title;  // first non-empty line, trimmed, at most kMaxTitleBytes
  std::string_view body;   // the text without a trailing URL line
  std::string_view url;    // a last line that is only an http(s) URL
};

// Views into `text`. Requires nothing; empty text gives empty parts.
TextParts split_text_file(std::string_view text) noexcept;

// `title` cut to at most kMaxTitleBytes, at a UTF-8 code point boundary.
std::string_view shorten_title(std::string_view title) noexcept;

// True when `text` holds nothing but whitespace (ASCII or Unicode spaces).
bool is_blank(std::string_view text) noexcept;

// `text` without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view text) noexcept;

}  // namespace lisan::internal
