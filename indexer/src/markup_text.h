// What the HTML and XML readers share: libxml2 documents owned by RAII,
// parsing with the network and error output off, a walk of a tree that
// needs no stack (however deep the nesting) and stops at a depth bound, and
// a bounded text builder that collapses white space as browsers do.
#pragma once

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace lisan::internal {

// Markup nested deeper than this is not descended into (its text is left
// out, with a note): real documents nest a few dozen levels.
inline constexpr int kMaxMarkupDepth = 256;

struct XmlDocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

// An HTML document (libxml2's error-recovering HTML parser) in `encoding`
// (nullptr: as the document declares it). Null only when libxml2 cannot
// make any tree of it.
XmlDocPtr parse_html(std::string_view bytes, const char* encoding);
// An XML document, or null when it is not well-formed. Entities are not
// expanded and no DTD is loaded (no "billion laughs", no network).
XmlDocPtr parse_xml(std::string_view bytes);

// The element's local name ("p" for <w:p>), empty for other nodes.
std::string_view element_name(const xmlNode* node) noexcept;
// The value of attribute `name` (empty when absent).
std::string attribute(const xmlNode* node, const char* name);
// The text of `node` and everything under it.
std::string node_text(const xmlNode* node);

// Text built from the pieces of a document, at most `max_bytes` long (at a
// code point boundary): white space runs become one space, line_break()
// ends a line, once.
class TextBuilder {
 public:
  explicit TextBuilder(std::uint64_t max_bytes) : max_bytes_(max_bytes) {}
  // `text` with its white space runs collapsed (`preserve`: kept, as in <pre>).
  void append(std::string_view text, bool preserve = false);
  void line_break();
  void space() { pending_space_ = true; }
  bool full() const noexcept { return full_; }
  std::size_t size() const noexcept { return text_.size(); }
  const std::string& text() const noexcept { return text_; }
  // The text, without the white space it ends with.
  std::string take();

 private:
  void push(char c);
  std::uint64_t max_bytes_;
  std::string text_;
  bool pending_space_ = false;
  bool full_ = false;
};

// `text` cut to at most `max_bytes`, at a UTF-8 code point boundary.
void cut_utf8(std::string& text, std::uint64_t max_bytes);

// Visits the tree under `root` in document order without recursion:
// visitor.enter(node) returns whether to descend into its children,
// visitor.leave(node) follows its last child. Children deeper than
// kMaxMarkupDepth are not visited; the result says whether some were not.
template <class Visitor>
bool walk_tree(xmlNode* root, Visitor& visitor) {
  bool too_deep = false;
  xmlNode* node = root;
  int depth = 0;
  while (node != nullptr) {
    if (visitor.enter(node) && node->children != nullptr) {
      if (depth < kMaxMarkupDepth) {
        node = node->children;
        ++depth;
        continue;
      }
      too_deep = true;
    }
    // Leave this node, and every ancestor whose last child it is.
    for (;;) {
      visitor.leave(node);
      if (node == root) return too_deep;
      if (node->next != nullptr) {
        node = node->next;
        break;
      }
      node = node->parent;
      --depth;
    }
  }
  return too_deep;
}

}  // namespace lisan::internal
