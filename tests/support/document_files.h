// Documents of every format lisan reads, made by the tests from texts they
// are given (the seed documents of corpus/): DOCX, ODT and EPUB as zip
// archives of their XML (libzip), PDF through pango and cairo
// (make_pdf.py), so that nothing is downloaded or committed as a binary.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace lisan::testing {

struct DocumentContent {
  std::string title;
  std::string author;
  std::string language;                 // "ar", "en", "id"
  std::vector<std::string> paragraphs;  // plain text, escaped where the format needs it
};

// `text` with &, <, > and " as XML entities.
std::string xml_escape(const std::string& text);

// `utf8` in another encoding ("windows-1256", "UTF-16LE", …), through ICU.
std::string encode(const std::string& utf8, const char* encoding);

// A zip archive of `entries` (name, bytes), in that order; the first is
// stored uncompressed (OpenDocument and EPUB want their "mimetype" so).
void write_zip(const std::string& path,
               const std::vector<std::pair<std::string, std::string>>& entries);

void write_docx(const std::string& path, const DocumentContent& content);
void write_odt(const std::string& path, const DocumentContent& content);
void write_epub(const std::string& path, const DocumentContent& content);

// A PDF of one page per paragraph group (`pages`), with `content`'s title
// and author in its information, made by make_pdf.py; the error output of
// the script when it fails (empty on success).
std::string write_pdf(const std::string& path, const DocumentContent& content,
                      const std::vector<std::string>& pages);

// The first `paragraphs` non-empty lines of a seed document of corpus/.
std::vector<std::string> seed_paragraphs(const std::string& name, std::size_t paragraphs);

}  // namespace lisan::testing
