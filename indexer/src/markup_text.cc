#include "markup_text.h"

#include <climits>
#include <mutex>

namespace lisan::internal {
namespace {

struct XmlCharFree {
  void operator()(xmlChar* text) const { xmlFree(text); }
};
using XmlString = std::unique_ptr<xmlChar, XmlCharFree>;

void ignore_error(void* /*context*/, const char* /*format*/, ...) {}

// libxml2 sets up its globals on first use, which is not safe from several
// threads at once (index_sharded extracts on one thread per shard). Its
// generic error handler is the thread's own, and prints what it finds
// wrong in a file (encoding errors despite NOERROR) to standard error: the
// indexer reports files its own way.
void init_libxml2() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
  xmlSetGenericErrorFunc(nullptr, ignore_error);
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string owned_text(XmlString text) {
  return text ? std::string(reinterpret_cast<const char*>(text.get())) : std::string();
}

}  // namespace

XmlDocPtr parse_html(std::string_view bytes, const char* encoding) {
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) return nullptr;
  init_libxml2();
  constexpr int kOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                           HTML_PARSE_NONET | HTML_PARSE_COMPACT;
  return XmlDocPtr(
      htmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, encoding, kOptions));
}

XmlDocPtr parse_xml(std::string_view bytes) {
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) return nullptr;
  init_libxml2();
  constexpr int kOptions =
      XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NONET | XML_PARSE_COMPACT;
  return XmlDocPtr(
      xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr, kOptions));
}

std::string_view element_name(const xmlNode* node) noexcept {
  if (node == nullptr || node->type != XML_ELEMENT_NODE || node->name == nullptr) return {};
  return reinterpret_cast<const char*>(node->name);
}

std::string attribute(const xmlNode* node, const char* name) {
  return owned_text(
      XmlString(xmlGetProp(const_cast<xmlNode*>(node), reinterpret_cast<const xmlChar*>(name))));
}

std::string node_text(const xmlNode* node) {
  return owned_text(XmlString(xmlNodeGetContent(node)));
}

namespace {

// Drops a code point whose last bytes did not fit.
void drop_partial_code_point(std::string& text) {
  std::size_t start = text.size();
  std::size_t continuation = 0;
  while (start > 0 && continuation < 3 &&
         (static_cast<unsigned char>(text[start - 1]) & 0xC0) == 0x80) {
    --start;
    ++continuation;
  }
  if (start == 0) return;
  const auto lead = static_cast<unsigned char>(text[start - 1]);
  const std::size_t needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
  if (continuation < needed) text.resize(start - 1);
}

}  // namespace

void TextBuilder::push(char c) {
  if (text_.size() >= max_bytes_) {
    full_ = true;
    drop_partial_code_point(text_);
    return;
  }
  text_.push_back(c);
}

void TextBuilder::append(std::string_view text, bool preserve) {
  for (const char c : text) {
    if (full_) return;
    if (!preserve && is_space(c)) {
      pending_space_ = true;
      continue;
    }
    if (pending_space_ && !text_.empty() && text_.back() != '\n' && text_.back() != ' ') push(' ');
    pending_space_ = false;
    push(c);
  }
}

std::string TextBuilder::take() {
  while (!text_.empty() && is_space(text_.back())) text_.pop_back();
  return std::move(text_);
}

void TextBuilder::line_break() {
  pending_space_ = false;
  while (!text_.empty() && text_.back() == ' ') text_.pop_back();
  if (!text_.empty() && text_.back() != '\n') push('\n');
}

void cut_utf8(std::string& text, std::uint64_t max_bytes) {
  if (text.size() <= max_bytes) return;
  std::size_t end = static_cast<std::size_t>(max_bytes);
  // Back to the start of the code point that does not fit (continuation bytes are 10xxxxxx).
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
}

}  // namespace lisan::internal
