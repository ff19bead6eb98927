#include "html_reader.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "lisan/analyzers/utf8.h"
#include "text_encoding.h"
#include "text_file.h"

namespace lisan::internal {
namespace {

// Elements whose content a reader never sees: code, styling, and what only
// a script would show. <title> is read for the title, not the body.
constexpr std::array<std::string_view, 7> kHiddenElements = {
    "script", "style", "noscript", "template", "title", "iframe", "object"};

// Elements that begin and end a line (so that "<p>one</p><p>two</p>" is two
// words, not "onetwo").
constexpr std::array<std::string_view, 44> kBlockElements = {
    "address", "article", "aside",   "blockquote", "body",  "br",       "caption",    "dd",
    "details", "dialog",  "div",     "dl",         "dt",    "fieldset", "figcaption", "figure",
    "footer",  "form",    "h1",      "h2",         "h3",    "h4",       "h5",         "h6",
    "header",  "hr",      "legend",  "li",         "main",  "nav",      "ol",         "option",
    "p",       "pre",     "section", "summary",    "table", "tbody",    "thead",      "tfoot",
    "tr",      "ul",      "html",    "center"};

template <std::size_t N>
bool is_one_of(std::string_view name, const std::array<std::string_view, N>& names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_heading(std::string_view name) {
  return name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6';
}

std::string lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// `text` with its white space collapsed and trimmed, as a title shows.
std::string collapsed(std::string_view text) {
  TextBuilder builder(kMaxTitleBytes * 4);
  builder.append(text);
  return std::string(trim(builder.text()));
}

// Walks an HTML tree (walk_tree): the visible text into `text`, the
// document's facts (title, language, metadata, canonical link) into `doc`.
class HtmlVisitor {
 public:
  HtmlVisitor(TextBuilder& text, ExtractedDocument* doc) : text_(text), doc_(doc) {}

  bool enter(xmlNode* node) {
    if (text_.full()) return false;
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      if (node->content != nullptr)
        text_.append(reinterpret_cast<const char*>(node->content), pre_depth_ > 0);
      return false;
    }
    const std::string_view name = element_name(node);
    if (name.empty()) return false;  // comments, processing instructions
    if (is_one_of(name, kHiddenElements)) {
      if (name == "title" && doc_ != nullptr && doc_->title.empty())
        doc_->title = collapsed(node_text(node));
      return false;
    }
    if (doc_ != nullptr) take_facts(node, name);
    if (is_one_of(name, kBlockElements)) text_.line_break();
    if (name == "td" || name == "th") text_.space();
    if (name == "pre") ++pre_depth_;
    if (is_heading(name) && heading_ == nullptr && first_heading_.empty()) {
      heading_ = node;
      heading_start_ = text_.size();
    }
    return true;
  }

  void leave(xmlNode* node) {
    const std::string_view name = element_name(node);
    if (name.empty()) return;
    if (is_one_of(name, kBlockElements)) text_.line_break();
    if (name == "td" || name == "th") text_.space();
    if (name == "pre") --pre_depth_;
    if (node == heading_) {
      first_heading_ =
          collapsed(std::string_view(text_.text()).substr(std::min(heading_start_, text_.size())));
      heading_ = nullptr;
    }
  }

  const std::string& first_heading() const { return first_heading_; }

 private:
  void take_facts(xmlNode* node, std::string_view name) {
    if (name == "html") {
      std::string lang = attribute(node, "lang");
      if (lang.empty()) lang = attribute(node, "xml:lang");
      if (!lang.empty()) doc_->language = collapsed(lang);
    } else if (name == "meta") {
      take_meta(node);
    } else if (name == "link" &&
               lowercase(attribute(node, "rel")).find("canonical") != std::string::npos) {
      const std::string href = collapsed(attribute(node, "href"));
      if (href.starts_with("http://") || href.starts_with("https://")) doc_->url = href;
    }
  }

  void take_meta(xmlNode* node) {
    const std::string name = lowercase(attribute(node, "name"));
    const std::string content = collapsed(attribute(node, "content"));
    if (content.empty()) return;
    if (name == "description" || name == "keywords" || name == "author") {
      doc_->metadata[name].push_back(content);
    } else if (lowercase(attribute(node, "http-equiv")) == "content-language" &&
               doc_->language.empty()) {
      doc_->language = content;
    }
  }

  TextBuilder& text_;
  ExtractedDocument* doc_;  // null: the text alone is wanted
  int pre_depth_ = 0;
  const xmlNode* heading_ = nullptr;
  std::size_t heading_start_ = 0;
  std::string first_heading_;
};

// True when the head of a page names its encoding (<meta charset>, or
// http-equiv Content-Type with a charset).
bool declares_charset(std::string_view bytes) {
  const std::string head = lowercase(std::string(bytes.substr(0, 4096)));
  return head.find("charset") != std::string::npos;
}

// The encoding to parse `bytes` in: the forced one; UTF-8 when the bytes are
// UTF-8 (a page that declares Latin-1 but is UTF-8 is read as it is); else
// none when a byte order mark or the page declares it; else the
// detector's guess, if confident.
std::optional<std::string> html_encoding(std::string_view bytes, const ReadLimits& limits) {
  if (!limits.encoding.empty()) return limits.encoding;
  if (!bom_encoding(bytes).empty()) return std::nullopt;
  if (count_invalid_utf8(bytes) == 0) return "UTF-8";
  if (declares_charset(bytes)) return std::nullopt;
  if (auto detected = detect_encoding(bytes, true)) return detected->name;
  return std::nullopt;
}

}  // namespace

ReadResult read_html(std::string_view bytes, const ReadLimits& limits) {
  const std::optional<std::string> encoding = html_encoding(bytes, limits);
  const XmlDocPtr tree = parse_html(bytes, encoding ? encoding->c_str() : nullptr);
  xmlNode* root = tree ? xmlDocGetRootElement(tree.get()) : nullptr;
  if (root == nullptr) return Skip{"empty or whitespace-only; skipped", SkipReason::kEmpty};
  ExtractedDocument doc;
  doc.format = "html";
  TextBuilder text(limits.max_text_bytes);
  HtmlVisitor visitor(text, &doc);
  if (walk_tree(root, visitor)) {
    doc.notes.push_back("markup nested deeper than " + std::to_string(kMaxMarkupDepth) +
                        " levels; the text deeper down is not indexed");
  }
  if (text.full())
    doc.notes.push_back("text cut at --max-size (" + std::to_string(limits.max_text_bytes) +
                        " bytes)");
  if (doc.title.empty()) doc.title = visitor.first_heading();
  doc.text = text.take();
  return finish_document(std::move(doc), limits);
}

bool append_html_text(std::string_view bytes, TextBuilder& text) {
  const char* encoding = count_invalid_utf8(bytes) == 0 ? "UTF-8" : nullptr;
  const XmlDocPtr tree = parse_html(bytes, encoding);
  xmlNode* root = tree ? xmlDocGetRootElement(tree.get()) : nullptr;
  if (root == nullptr) return false;
  HtmlVisitor visitor(text, nullptr);
  walk_tree(root, visitor);
  text.line_break();
  return true;
}

}  // namespace lisan::internal
