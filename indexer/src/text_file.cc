#include "text_file.h"

namespace lisan::internal {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

bool is_bare_url(std::string_view line) {
  if (!(line.starts_with("http://") || line.starts_with("https://"))) return false;
  for (char c : line) {
    if (is_space(c)) return false;
  }
  return true;
}

}  // namespace

std::string_view trim(std::string_view text) noexcept {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool is_blank(std::string_view text) noexcept {
  // U+00A0, U+2000–U+200B, U+202F, U+3000 and the BOM count as blank too:
  // files of "invisible" characters are as empty as files of spaces.
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (is_space(static_cast<char>(c))) {
      ++i;
    } else if (text.substr(i, 2) == "\xC2\xA0") {
      i += 2;
    } else if (text.substr(i, 3) == "\xEF\xBB\xBF" || text.substr(i, 3) == "\xE3\x80\x80" ||
               text.substr(i, 3) == "\xE2\x80\xAF" ||
               (text.substr(i, 2) == "\xE2\x80" && i + 2 < text.size() &&
                static_cast<unsigned char>(text[i + 2]) <= 0x8B)) {
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

std::string_view shorten_title(std::string_view title) noexcept {
  if (title.size() <= kMaxTitleBytes) return title;
  std::size_t end = kMaxTitleBytes;
  // Back to the start of the code point that does not fit (continuation bytes are 10xxxxxx).
  while (end > 0 && (static_cast<unsigned char>(title[end]) & 0xC0) == 0x80) --end;
  return trim(title.substr(0, end));
}

TextParts split_text_file(std::string_view text) noexcept {
  TextParts parts;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 BOM
  parts.body = text;
  // Title: the first line with something on it.
  std::string_view rest = text;
  while (!rest.empty()) {
    const std::size_t eol = rest.find('\n');
    const std::string_view line = trim(rest.substr(0, eol));
    if (!line.empty()) {
      parts.title = shorten_title(line);
      break;
    }
    if (eol == std::string_view::npos) break;
    rest.remove_prefix(eol + 1);
  }
  // URL: the last non-empty line, when it is nothing but a URL.
  const std::string_view trimmed = trim(text);
  const std::size_t last_eol = trimmed.find_last_of('\n');
  if (last_eol != std::string_view::npos) {
    const std::string_view last = trim(trimmed.substr(last_eol + 1));
    if (is_bare_url(last)) {
      parts.url = last;
      parts.body = trim(text.substr(0, static_cast<std::size_t>(last.data() - text.data())));
    }
  }
  return parts;
}

}  // namespace lisan::internal
