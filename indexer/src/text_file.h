// Splits a plain-text document into title, body and trailing URL.
#pragma once

#include <string>
#include <string_view>

namespace lisan::internal {

struct TextParts {
  std::string_view title;  // first non-empty line, trimmed
  std::string_view body;   // the text without a trailing URL line
  std::string_view url;    // a last line that is only an http(s) URL
};

// Views into `text`. Requires nothing; empty text gives empty parts.
TextParts split_text_file(std::string_view text) noexcept;

// True when `text` holds nothing but whitespace (ASCII or Unicode spaces).
bool is_blank(std::string_view text) noexcept;

// `text` without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view text) noexcept;

}  // namespace lisan::internal
