#include "support/document_files.h"

#include <unicode/unistr.h>
#include <zip.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "support/run_command.h"

namespace lisan::testing {

std::string encode(const std::string& utf8, const char* encoding) {
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  const std::int32_t size = text.extract(0, text.length(), nullptr, 0u, encoding);
  std::string out(static_cast<std::size_t>(size), '\0');
  text.extract(0, text.length(), out.data(), static_cast<std::uint32_t>(size), encoding);
  return out;
}

std::string xml_escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void write_zip(const std::string& path,
               const std::vector<std::pair<std::string, std::string>>& entries) {
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (zip == nullptr) throw std::runtime_error("cannot create " + path);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& [name, bytes] = entries[i];
    zip_source_t* source = zip_source_buffer(zip, bytes.data(), bytes.size(), 0);
    const zip_int64_t index = zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(source);
      zip_discard(zip);
      throw std::runtime_error("cannot add " + name + " to " + path);
    }
    if (i == 0) zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  if (zip_close(zip) != 0) throw std::runtime_error("cannot write " + path);
}

void write_docx(const std::string& path, const DocumentContent& content) {
  std::string body;
  for (const std::string& p : content.paragraphs)
    body += "<w:p><w:r><w:t xml:space=\"preserve\">" + xml_escape(p) + "</w:t></w:r></w:p>";
  write_zip(
      path,
      {{"[Content_Types].xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override "
        "PartName=\"/word/document.xml\" ContentType=\"application/"
        "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"},
       {"word/document.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document "
        "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" +
            body + "</w:body></w:document>"},
       {"docProps/core.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cp:coreProperties "
        "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
        "xmlns:dcterms=\"http://purl.org/dc/terms/\"><dc:title>" +
            xml_escape(content.title) + "</dc:title><dc:creator>" + xml_escape(content.author) +
            "</dc:creator><dc:language>" + content.language +
            "</dc:language><dcterms:created>2025-01-02T03:04:05Z</dcterms:created>"
            "</cp:coreProperties>"}});
}

void write_odt(const std::string& path, const DocumentContent& content) {
  std::string body;
  for (const std::string& p : content.paragraphs) body += "<text:p>" + xml_escape(p) + "</text:p>";
  const std::string office = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" ";
  write_zip(path,
            {{"mimetype", "application/vnd.oasis.opendocument.text"},
             {"content.xml",
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content " + office +
                  "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body>"
                  "<office:text>" +
                  body + "</office:text></office:body></office:document-content>"},
             {"meta.xml",
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-meta " + office +
                  "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                  "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\"><office:meta>"
                  "<dc:title>" +
                  xml_escape(content.title) + "</dc:title><meta:initial-creator>" +
                  xml_escape(content.author) + "</meta:initial-creator><dc:language>" +
                  content.language + "</dc:language></office:meta></office:document-meta>"}});
}

void write_epub(const std::string& path, const DocumentContent& content) {
  std::vector<std::pair<std::string, std::string>> entries = {
      {"mimetype", "application/epub+zip"},
      {"META-INF/container.xml",
       "<?xml version=\"1.0\"?><container version=\"1.0\" "
       "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles><rootfile "
       "full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>"
       "</rootfiles></container>"}};
  std::string manifest, spine;
  for (std::size_t i = 0; i < content.paragraphs.size(); ++i) {
    const std::string id = "c" + std::to_string(i);
    manifest += "<item id=\"" + id + "\" href=\"text/" + id +
                ".xhtml\" media-type=\"application/xhtml+xml\"/>";
    spine += "<itemref idref=\"" + id + "\"/>";
    entries.emplace_back("OEBPS/text/" + id + ".xhtml",
                         "<?xml version=\"1.0\" encoding=\"utf-8\"?><html "
                         "xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>Chapter</title>"
                         "<style>p { margin: 0 }</style></head><body><p>" +
                             xml_escape(content.paragraphs[i]) + "</p></body></html>");
  }
  entries.emplace_back(
      "OEBPS/content.opf",
      "<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\">"
      "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" +
          xml_escape(content.title) + "</dc:title><dc:creator>" + xml_escape(content.author) +
          "</dc:creator><dc:language>" + content.language +
          "</dc:language><meta property=\"dcterms:modified\">2025-01-02T03:04:05Z</meta>"
          "</metadata><manifest>" +
          manifest + "</manifest><spine>" + spine + "</spine></package>");
  write_zip(path, entries);
}

std::string write_pdf(const std::string& path, const DocumentContent& content,
                      const std::vector<std::string>& pages) {
  std::vector<std::string> argv = {
      LISAN_PDF_PYTHON, LISAN_MAKE_PDF_SCRIPT, "--out",    path,
      "--title",        content.title,         "--author", content.author};
  for (const std::string& page : pages) argv.push_back(page);
  const CommandResult result = run_program(argv);
  return result.exit_code == 0 ? std::string() : "make_pdf.py failed: " + result.err;
}

std::vector<std::string> seed_paragraphs(const std::string& name, std::size_t paragraphs) {
  std::ifstream in(std::string(LISAN_CORPUS_DIR) + "/" + name);
  std::vector<std::string> out;
  std::string line;
  while (out.size() < paragraphs && std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") != std::string::npos) out.push_back(line);
  }
  if (out.empty()) throw std::runtime_error("no seed text in " + name);
  return out;
}

}  // namespace lisan::testing
