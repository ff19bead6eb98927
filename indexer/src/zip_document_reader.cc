#include "zip_document_reader.h"

#include <zip.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "html_reader.h"
#include "markup_text.h"

namespace lisan::internal {
namespace {

struct ZipDiscard {
  void operator()(zip_t* zip) const { zip_discard(zip); }
};
struct ZipFileClose {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

// Skips of an archive named `what` ("DOCX").
Skip damaged(const std::string& what, const std::string& why) {
  return Skip{"damaged " + what + " (" + why + "); skipped", SkipReason::kDamaged};
}

// One archive read from memory, with a budget of bytes to decompress that
// all its entries share (zip bombs: entries claim small sizes and inflate
// to gigabytes, so the budget counts bytes as they come out).
class ZipArchive {
 public:
  ZipArchive(zip_t* zip, std::uint64_t budget) : zip_(zip), budget_(budget) {}

  bool has(const std::string& name) const {
    return zip_name_locate(zip_.get(), name.c_str(), 0) >= 0;
  }

  // The entry's bytes; why not when it is missing, encrypted, damaged or
  // past the budget.
  std::variant<std::string, Skip> read(const std::string& name, const std::string& what) {
    const zip_int64_t index = zip_name_locate(zip_.get(), name.c_str(), 0);
    if (index < 0) return damaged(what, "no " + name);
    const std::unique_ptr<zip_file_t, ZipFileClose> file(
        zip_fopen_index(zip_.get(), static_cast<zip_uint64_t>(index), 0));
    if (!file) return open_failure(name, what);
    std::string out;
    std::array<char, 64 * 1024> buffer{};
    for (;;) {
      const zip_int64_t got = zip_fread(file.get(), buffer.data(), buffer.size());
      if (got < 0) return damaged(what, name + " cannot be decompressed");
      if (got == 0) break;
      if (out.size() + static_cast<std::uint64_t>(got) > budget_) {
        return Skip{what + " that decompresses to more than " + std::to_string(budget_) +
                        " bytes (a zip bomb?); skipped",
                    SkipReason::kTooLarge};
      }
      out.append(buffer.data(), static_cast<std::size_t>(got));
    }
    budget_ -= out.size();
    return out;
  }

 private:
  Skip open_failure(const std::string& name, const std::string& what) const {
    const int code = zip_error_code_zip(zip_get_error(zip_.get()));
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP)
      return Skip{"encrypted " + what + " (needs a password); skipped", SkipReason::kEncrypted};
    return damaged(what, name + " cannot be opened");
  }

  std::unique_ptr<zip_t, ZipDiscard> zip_;
  std::uint64_t budget_;
};

// The archive in `bytes`, or why it cannot be read.
std::variant<std::unique_ptr<ZipArchive>, Skip> open_zip(std::string_view bytes,
                                                         const ReadLimits& limits,
                                                         SkipReason when_unreadable) {
  const Skip unreadable{when_unreadable == SkipReason::kBinary
                            ? "binary content (a zip archive that cannot be read); skipped"
                            : "damaged zip archive (cannot be read); skipped",
                        when_unreadable};
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* zip = source != nullptr ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  zip_error_fini(&error);
  if (zip == nullptr) {
    if (source != nullptr) zip_source_free(source);  // not taken by a zip that failed to open
    return unreadable;
  }
  auto archive = std::make_unique<ZipArchive>(zip, max_unzipped_bytes(limits));
  const zip_int64_t entries = zip_get_num_entries(zip, 0);
  if (entries < 0) return unreadable;
  if (static_cast<std::uint64_t>(entries) > kMaxZipEntries) {
    return Skip{"zip archive of " + std::to_string(entries) + " entries (more than " +
                    std::to_string(kMaxZipEntries) + "); skipped",
                SkipReason::kTooLarge};
  }
  return archive;
}

// Metadata elements of docProps/core.xml (DOCX), meta.xml (ODT) and an
// EPUB package, by local name, and the name each is kept under.
constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kMetadataNames = {{
    {"title", "title"},
    {"creator", "author"},
    {"initial-creator", "author"},
    {"description", "description"},
    {"subject", "subject"},
    {"keywords", "keywords"},
    {"keyword", "keywords"},
    {"created", "created"},
    {"creation-date", "created"},
    {"modified", "modified"},
    {"date", "date"},
    {"language", "language"},
    {"meta", ""},  // EPUB 3: <meta property="dcterms:modified">
}};

std::string_view metadata_key(const xmlNode* node, std::string_view name) {
  for (const auto& [element, key] : kMetadataNames) {
    if (element != name) continue;
    if (name != "meta") return key;
    return attribute(node, "property") == "dcterms:modified" ? "modified" : "";
  }
  return {};
}

// Takes the metadata elements of a tree into a document.
class MetadataVisitor {
 public:
  explicit MetadataVisitor(ExtractedDocument& doc) : doc_(doc) {}
  bool enter(xmlNode* node) {
    const std::string_view name = element_name(node);
    if (name.empty()) return false;
    const std::string_view key = metadata_key(node, name);
    if (key.empty()) return true;
    TextBuilder value(4096);
    value.append(node_text(node));
    if (value.size() == 0) return false;
    if (key == "title") {
      if (doc_.title.empty()) doc_.title = value.text();
    } else if (key == "language") {
      if (doc_.language.empty()) doc_.language = value.text();
    } else {
      doc_.metadata[std::string(key)].push_back(value.take());
    }
    return false;
  }
  void leave(xmlNode*) {}

 private:
  ExtractedDocument& doc_;
};

// The text of word/document.xml: runs of <w:t>, <w:tab/>, <w:br/>, one line
// a paragraph <w:p>. Field codes and deleted text are other elements.
class DocxVisitor {
 public:
  explicit DocxVisitor(TextBuilder& text) : text_(text) {}
  bool enter(xmlNode* node) {
    if (text_.full()) return false;
    if (node->type == XML_TEXT_NODE) {
      if (in_text_ > 0 && node->content != nullptr)
        text_.append(reinterpret_cast<const char*>(node->content));
      return false;
    }
    const std::string_view name = element_name(node);
    if (name == "t") ++in_text_;
    if (name == "tab") text_.space();
    if (name == "br" || name == "cr") text_.line_break();
    return !name.empty();
  }
  void leave(xmlNode* node) {
    const std::string_view name = element_name(node);
    if (name == "t") --in_text_;
    if (name == "p") text_.line_break();
  }

 private:
  TextBuilder& text_;
  int in_text_ = 0;
};

// The text of an OpenDocument's content.xml: paragraphs and headings a line
// each, <text:s/> and <text:tab/> spaces; tracked deletions and comments out.
class OdtVisitor {
 public:
  explicit OdtVisitor(TextBuilder& text) : text_(text) {}
  bool enter(xmlNode* node) {
    if (text_.full()) return false;
    if (node->type == XML_TEXT_NODE) {
      if (node->content != nullptr) text_.append(reinterpret_cast<const char*>(node->content));
      return false;
    }
    const std::string_view name = element_name(node);
    if (name.empty() || name == "tracked-changes" || name == "annotation") return false;
    if (name == "p" || name == "h" || name == "line-break") text_.line_break();
    if (name == "s" || name == "tab") text_.space();
    return true;
  }
  void leave(xmlNode* node) {
    const std::string_view name = element_name(node);
    if (name == "p" || name == "h") text_.line_break();
  }

 private:
  TextBuilder& text_;
};

// The elements named `name` under `root`, in document order.
std::vector<xmlNode*> elements_named(xmlNode* root, std::string_view wanted) {
  struct Collector {
    std::string_view name;
    std::vector<xmlNode*> found;
    bool enter(xmlNode* node) {
      const std::string_view element = element_name(node);
      if (element == name && found.size() < kMaxZipEntries) found.push_back(node);
      return !element.empty();
    }
    void leave(xmlNode*) {}
  } collector{wanted, {}};
  walk_tree(root, collector);
  return std::move(collector.found);
}

// An entry read and parsed as XML; why not, when it cannot be.
std::variant<XmlDocPtr, Skip> read_xml(ZipArchive& zip, const std::string& name,
                                       const std::string& what) {
  auto bytes = zip.read(name, what);
  if (auto* skip = std::get_if<Skip>(&bytes)) return std::move(*skip);
  XmlDocPtr tree = parse_xml(std::get<std::string>(bytes));
  if (!tree || xmlDocGetRootElement(tree.get()) == nullptr)
    return damaged(what, name + " is not XML");
  return tree;
}

// The metadata of entry `name`, when it is there and readable: a document
// without its metadata still has its text.
void read_metadata(ZipArchive& zip, const std::string& name, const std::string& what,
                   ExtractedDocument& doc) {
  if (!zip.has(name)) return;
  auto tree = read_xml(zip, name, what);
  if (auto* parsed = std::get_if<XmlDocPtr>(&tree)) {
    MetadataVisitor visitor(doc);
    walk_tree(xmlDocGetRootElement(parsed->get()), visitor);
  }
}

template <class Visitor>
ReadResult read_office(ZipArchive& zip, const ReadLimits& limits, ExtractedDocument doc,
                       const std::string& body, const std::string& metadata) {
  auto tree = read_xml(zip, body, doc.format);
  if (auto* skip = std::get_if<Skip>(&tree)) return std::move(*skip);
  TextBuilder text(limits.max_text_bytes);
  Visitor visitor(text);
  if (walk_tree(xmlDocGetRootElement(std::get<XmlDocPtr>(tree).get()), visitor)) {
    doc.notes.push_back("XML nested deeper than " + std::to_string(kMaxMarkupDepth) +
                        " levels; the text deeper down is not indexed");
  }
  doc.text = text.take();
  read_metadata(zip, metadata, doc.format, doc);
  return finish_document(std::move(doc), limits);
}

// The package document's path, from META-INF/container.xml.
std::variant<std::string, Skip> epub_package_path(ZipArchive& zip) {
  auto container = read_xml(zip, "META-INF/container.xml", "epub");
  if (auto* skip = std::get_if<Skip>(&container)) return std::move(*skip);
  for (xmlNode* rootfile :
       elements_named(xmlDocGetRootElement(std::get<XmlDocPtr>(container).get()), "rootfile")) {
    std::string path = attribute(rootfile, "full-path");
    if (!path.empty()) return path;
  }
  return damaged("epub", "no package document named in META-INF/container.xml");
}

// The entries of the spine (reading order) that are (X)HTML, as paths in
// the archive: the manifest's href of each idref, relative to the package.
std::vector<std::string> epub_chapters(xmlNode* package, const std::string& package_path) {
  std::map<std::string, std::string> pages;  // manifest id → href, (X)HTML only
  for (xmlNode* item : elements_named(package, "item")) {
    if (attribute(item, "media-type").find("html") != std::string::npos)
      pages.emplace(attribute(item, "id"), attribute(item, "href"));
  }
  const std::size_t slash = package_path.rfind('/');
  const std::string base = slash == std::string::npos ? "" : package_path.substr(0, slash + 1);
  std::vector<std::string> chapters;
  for (xmlNode* itemref : elements_named(package, "itemref")) {
    const auto page = pages.find(attribute(itemref, "idref"));
    if (page != pages.end()) chapters.push_back(base + page->second);
  }
  return chapters;
}

ReadResult read_epub(ZipArchive& zip, const ReadLimits& limits, ExtractedDocument doc) {
  auto path = epub_package_path(zip);
  if (auto* skip = std::get_if<Skip>(&path)) return std::move(*skip);
  const std::string& package_path = std::get<std::string>(path);
  auto package = read_xml(zip, package_path, "epub");
  if (auto* skip = std::get_if<Skip>(&package)) return std::move(*skip);
  xmlNode* root = xmlDocGetRootElement(std::get<XmlDocPtr>(package).get());
  MetadataVisitor metadata(doc);
  for (xmlNode* element : elements_named(root, "metadata")) walk_tree(element, metadata);
  TextBuilder text(limits.max_text_bytes);
  const std::vector<std::string> chapters = epub_chapters(root, package_path);
  for (std::size_t i = 0; i < chapters.size() && !text.full(); ++i) {
    auto page = zip.read(chapters[i], "epub");
    if (auto* skip = std::get_if<Skip>(&page)) {
      if (skip->reason != SkipReason::kDamaged) return std::move(*skip);
      doc.notes.push_back(chapters[i] + ": " + skip->message);  // a missing chapter
      continue;
    }
    append_html_text(std::get<std::string>(page), text);
    if (i + 1 < chapters.size() && limits.past_deadline()) {
      doc.notes.push_back(limits.time_limit_note("chapter " + std::to_string(i + 1)));
      break;
    }
  }
  doc.text = text.take();
  return finish_document(std::move(doc), limits);
}

// The format of an archive: its "mimetype" entry (OpenDocument, EPUB), else
// the main part of Office Open XML text; empty when none of ours.
std::string zip_format(ZipArchive& zip) {
  if (zip.has("mimetype")) {
    auto type = zip.read("mimetype", "zip");
    if (const auto* mimetype = std::get_if<std::string>(&type)) {
      if (mimetype->starts_with("application/vnd.oasis.opendocument.text")) return "odt";
      if (mimetype->starts_with("application/epub+zip")) return "epub";
    }
  }
  if (zip.has("word/document.xml")) return "docx";
  return {};
}

bool named_as_document(std::string_view name) {
  for (const std::string_view ext : {".docx", ".odt", ".epub"}) {
    if (name.size() > ext.size() && name.substr(name.size() - ext.size()) == ext) return true;
  }
  return false;
}

}  // namespace

std::uint64_t max_unzipped_bytes(const ReadLimits& limits) noexcept {
  const std::uint64_t bound =
      limits.max_text_bytes > (UINT64_MAX / 8) ? UINT64_MAX / 2 : limits.max_text_bytes * 4;
  return std::max<std::uint64_t>(bound, 16ull << 20);
}

}  // namespace lisan::internal

namespace lisan::internal {

ReadResult read_zip_document(std::string_view file_name, std::string_view bytes,
                             const ReadLimits& limits) {
  const SkipReason unreadable =
      named_as_document(file_name) ? SkipReason::kDamaged : SkipReason::kBinary;
  auto opened = open_zip(bytes, limits, unreadable);
  if (auto* skip = std::get_if<Skip>(&opened)) return std::move(*skip);
  ZipArchive& zip = *std::get<std::unique_ptr<ZipArchive>>(opened);
  ExtractedDocument doc;
  doc.format = zip_format(zip);
  if (doc.format == "docx")
    return read_office<DocxVisitor>(zip, limits, std::move(doc), "word/document.xml",
                                    "docProps/core.xml");
  if (doc.format == "odt")
    return read_office<OdtVisitor>(zip, limits, std::move(doc), "content.xml", "meta.xml");
  if (doc.format == "epub") return read_epub(zip, limits, std::move(doc));
  return Skip{"binary content (a zip archive, not DOCX, ODT or EPUB); skipped", unreadable};
}

}  // namespace lisan::internal
