// `lisan index` on a folder holding each format it reads — HTML (UTF-8 and
// windows-1256), DOCX, ODT, EPUB, PDF (English and Arabic), plain text in
// windows-1256 and UTF-16 — made here from the seed documents of corpus/,
// then `lisan search`: each document is found by a word of its body, with
// its title and language, and nothing of its markup, scripts or styles is.
#include <gtest/gtest.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <nlohmann/json.hpp>
#include <set>

#include "support/document_files.h"
#include "support/run_command.h"

namespace lisan::testing {
namespace {

using nlohmann::json;

struct Expected {
  std::string id;
  std::string title;
  std::string lang;
  std::string body;  // the text a word is searched from
};

// The first paragraphs of a seed document, at most about `bytes` long (a
// PDF page holds that much), cut at a space.
std::string seed_text(const std::string& name, std::size_t bytes = 1200) {
  std::string text;
  for (const std::string& paragraph : seed_paragraphs(name, 4)) text += paragraph + "\n";
  if (text.size() > bytes) text.resize(text.rfind(' ', bytes));
  return text;
}

// The longest word of `text` (letters only): a word of the body to search.
std::string body_word(const std::string& text) {
  std::string best, word;
  const icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
  for (std::int32_t i = 0; i <= unicode.length(); ++i) {
    const UChar32 c = i < unicode.length() ? unicode.char32At(i) : ' ';
    if (u_isalpha(c)) {
      icu::UnicodeString(c).toUTF8String(word);
    } else {
      if (icu::UnicodeString::fromUTF8(word).countChar32() >
          icu::UnicodeString::fromUTF8(best).countChar32())
        best = word;
      word.clear();
    }
  }
  return best;
}

std::string html_page(const std::string& lang, const std::string& charset, const std::string& title,
                      const std::string& text) {
  std::string body;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    body += "<p>" + xml_escape(text.substr(start, end - start)) + "</p>\n";
    start = end + 1;
  }
  return "<!DOCTYPE html>\n<html lang=\"" + lang + "\"><head><meta charset=\"" + charset +
         "\"><title>" + title +
         "</title><style>.zorglubstyle { color: red }</style>"
         "<script>var zorglubscript = '<p>zorglubmarkup</p>';</script></head><body>\n" +
         body + "<!-- zorglubcomment --></body></html>\n";
}

DocumentContent office(const std::string& title, const std::string& lang, const std::string& text) {
  DocumentContent content{
      .title = title, .author = "Seed Author", .language = lang, .paragraphs = {}};
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (end > start) content.paragraphs.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return content;
}

class FormatsCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    make_folder(*dir_ / "docs");
    index_ = run_lisan({"index", "--db", *dir_ / "db", *dir_ / "docs"});
  }
  static void TearDownTestSuite() { dir_.reset(); }

  static void make_folder(const std::string& docs) {
    const std::string en = seed_text("002_3e3a84fcd55ba876.txt");
    const std::string id0 = seed_text("000_349ad21918281b15.txt");
    const std::string id1 = seed_text("001_ae5881f801838b21.txt");
    const std::string ar3 = seed_text("003_38e6d22ca08bed6e.txt");
    const std::string ar4 = seed_text("004_147e57a660519c9c.txt");
    write_file(docs + "/page.html", html_page("en", "utf-8", "English page", en));
    write_file(docs + "/arabic-1256.html",
               encode(html_page("ar", "windows-1256", "صفحة عربية", ar4), "windows-1256"));
    write_docx(docs + "/report.docx", office("Laporan DOCX", "id", id0));
    write_odt(docs + "/notes.odt", office("Catatan ODT", "id", id1));
    write_epub(docs + "/book.epub", office("كتاب إلكتروني", "ar", ar3));
    pdf_error_ = write_pdf(docs + "/english.pdf", office("English PDF", "en", en), {en});
    if (pdf_error_.empty())
      pdf_error_ = write_pdf(docs + "/arabic.pdf", office("تقرير PDF", "ar", ar3), {ar3});
    write_file(docs + "/arabic-1256.txt", encode("نص بترميز ويندوز\n" + ar4, "windows-1256"));
    write_file(docs + "/english-utf16.txt", "\xFF\xFE" + encode("Sixteen bits\n" + en, "UTF-16LE"));
    expected_ = {{"page.html", "English page", "en", en},
                 {"arabic-1256.html", "صفحة عربية", "ar", ar4},
                 {"report.docx", "Laporan DOCX", "id", id0},
                 {"notes.odt", "Catatan ODT", "id", id1},
                 {"book.epub", "كتاب إلكتروني", "ar", ar3},
                 {"arabic-1256.txt", "نص بترميز ويندوز", "ar", ar4},
                 {"english-utf16.txt", "Sixteen bits", "en", en}};
    if (pdf_error_.empty()) {
      expected_.push_back({"english.pdf", "English PDF", "en", en});
      expected_.push_back({"arabic.pdf", "تقرير PDF", "ar", ar3});
    }
  }

  // `exact`: without translations and transliterations (a markup word's
  // translation may be a word of some body).
  static json search(const std::string& query, bool exact = false) {
    std::vector<std::string> args = {"search", "--db", *dir_ / "db", "--json", "--limit", "50"};
    if (exact) args.insert(args.end(), {"--no-translate", "--no-transliterate"});
    args.push_back(query);
    const CommandResult result = run_lisan(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return json::parse(result.out);
  }

  static inline std::unique_ptr<TempDir> dir_;
  static inline CommandResult index_;
  static inline std::string pdf_error_;
  static inline std::vector<Expected> expected_;
};

TEST_F(FormatsCli, EveryFormatIsIndexed) {
  EXPECT_EQ(index_.exit_code, 0) << index_.err;
  EXPECT_EQ(pdf_error_, "") << "the PDFs could not be made";
  EXPECT_TRUE(contains(index_.err, std::to_string(expected_.size()) + " added")) << index_.err;
  EXPECT_TRUE(contains(index_.err, "0 skipped")) << index_.err;
  EXPECT_TRUE(contains(index_.err, "html files: 2")) << index_.err;
  EXPECT_TRUE(contains(index_.err, "docx files: 1, epub files: 1")) << index_.err;
  EXPECT_TRUE(contains(index_.err, "arabic-1256.txt: read as windows-1256 (detected"))
      << index_.err;
}

TEST_F(FormatsCli, EachDocumentIsFoundByABodyWordWithItsTitleAndLanguage) {
  for (const Expected& doc : expected_) {
    const std::string word = body_word(doc.body);
    SCOPED_TRACE(doc.id + " by " + word);
    const json found = search(word);
    bool seen = false;
    for (const json& hit : found["results"]) {
      if (hit["id"] != doc.id) continue;
      seen = true;
      EXPECT_EQ(hit["title"], doc.title);
      EXPECT_EQ(hit["lang"], doc.lang);
    }
    EXPECT_TRUE(seen) << found.dump();
  }
}

TEST_F(FormatsCli, Windows1256ArabicIsFoundByAnArabicQuery) {
  const json found = search("كازاخستان");
  std::set<std::string> ids;
  for (const json& hit : found["results"]) ids.insert(hit["id"].get<std::string>());
  for (const char* id : {"arabic-1256.txt", "arabic-1256.html", "book.epub"})
    EXPECT_EQ(ids.count(id), 1u) << id << " in " << found.dump();
}

TEST_F(FormatsCli, MarkupScriptsStylesAndCommentsAreNotFound) {
  for (const char* word : {"zorglubscript", "zorglubstyle", "zorglubmarkup", "zorglubcomment",
                           "doctype", "charset", "canonical"}) {
    const json found = search(word, true);
    EXPECT_EQ(found["total"], 0) << word << ": " << found.dump();
  }
}

TEST(FormatsCliBounds, DamagedEncryptedAndUnknownFilesAreReportedAndSkipped) {
  TempDir dir;
  write_file(dir / "docs/broken.pdf", "%PDF-1.7\nthis is not a PDF body");
  write_file(dir / "docs/broken.docx", "PK\x03\x04 not a zip");
  write_file(dir / "docs/good.txt", "Good\nwords");
  const CommandResult run = run_lisan({"index", "--db", dir / "db", dir / "docs"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(contains(run.err, "broken.pdf: damaged PDF (poppler cannot read it); skipped"))
      << run.err;
  EXPECT_TRUE(contains(run.err, "broken.docx: damaged zip archive")) << run.err;
  EXPECT_TRUE(contains(run.err, "1 added")) << run.err;
  EXPECT_TRUE(contains(run.err, "2 damaged")) << run.err;
}

TEST(FormatsCliBounds, EncodingCanBeForcedAndAnUnknownOneIsAUsageError) {
  TempDir dir;
  write_file(dir / "docs/cafe.txt", encode("Caf\u00e9 cr\u00e8me\nun caf\u00e9", "windows-1252"));
  const CommandResult run =
      run_lisan({"index", "--db", dir / "db", "--encoding", "windows-1252", dir / "docs"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_FALSE(contains(run.err, "repaired")) << run.err;
  const CommandResult found = run_lisan({"search", "--db", dir / "db", "--json", "café"});
  EXPECT_EQ(json::parse(found.out)["total"], 1) << found.out;
  const CommandResult unknown =
      run_lisan({"index", "--db", dir / "db2", "--encoding", "no-such-code-page", dir / "docs"});
  EXPECT_EQ(unknown.exit_code, 2) << unknown.err;
  EXPECT_TRUE(contains(unknown.err, "unknown encoding: no-such-code-page")) << unknown.err;
}

}  // namespace
}  // namespace lisan::testing
