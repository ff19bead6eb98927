// The document readers one by one (document_reader.h and the readers it
// dispatches to), on documents the tests make and on damaged and hostile
// ones: what text, title, language and metadata each gives, and which
// bound or reason stops it.
#include "lisan/indexer/file_formats.h"

#include <gtest/gtest.h>
#include <unicode/unistr.h>
#include <zip.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "document_reader.h"
#include "lisan/analyzers/utf8.h"
#include "lisan/indexer/indexer.h"
#include "lisan/searcher/searcher.h"
#include "markup_text.h"
#include "support/document_files.h"
#include "support/run_command.h"
#include "text_encoding.h"
#include "zip_document_reader.h"

namespace lisan::internal {
namespace {

using testing::DocumentContent;
using testing::encode;
using testing::TempDir;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

ExtractedDocument read_ok(std::string_view name, std::string_view bytes,
                          const ExtractOptions& options = {}) {
  ReadResult result = read_document(name, bytes, ReadLimits::starting_now(options));
  if (const Skip* skip = std::get_if<Skip>(&result)) {
    ADD_FAILURE() << name << " skipped: " << skip->message;
    return {};
  }
  return std::get<ExtractedDocument>(std::move(result));
}

Skip read_skipped(std::string_view name, std::string_view bytes,
                  const ExtractOptions& options = {}) {
  ReadResult result = read_document(name, bytes, ReadLimits::starting_now(options));
  if (const Skip* skip = std::get_if<Skip>(&result)) return *skip;
  ADD_FAILURE() << name << " read, not skipped: " << std::get<ExtractedDocument>(result).text;
  return {};
}

const std::string kArabic =
    "ستعلن كازاخستان يوم الخميس انضمامها إلى اتفاقات أبراهام، بحسب عدة تقارير إعلامية أمريكية، "
    "في خطوة رمزية إلى حد كبير تهدف إلى تعزيز العلاقات مع الولايات المتحدة.";

TEST(DetectFormat, ByMagicBytesFirstThenByName) {
  EXPECT_EQ(detect_format("a.txt", "%PDF-1.7\n"), DocumentFormat::kPdf);
  EXPECT_EQ(detect_format("a.html", "PK\x03\x04 rest"), DocumentFormat::kZip);
  EXPECT_EQ(detect_format("page.HTM", "plain words"), DocumentFormat::kHtml);
  EXPECT_EQ(detect_format("a.txt", "  <!DOCTYPE HTML><p>x"), DocumentFormat::kHtml);
  EXPECT_EQ(detect_format("a", "<?xml version=\"1.0\"?>\n<html xmlns="), DocumentFormat::kHtml);
  EXPECT_EQ(detect_format("notes.txt", "a <b> tag in text"), DocumentFormat::kText);
}

TEST(TextEncoding, Utf16And32WithAByteOrderMarkAreRead) {
  const std::string text = "Kazakhstan is set to join\nthe Abraham Accords";
  const ExtractedDocument le = read_ok("a.txt", "\xFF\xFE" + encode(text, "UTF-16LE"));
  EXPECT_EQ(le.title, "Kazakhstan is set to join");
  EXPECT_EQ(le.text, text);
  EXPECT_EQ(read_ok("a.txt", "\xFE\xFF" + encode(text, "UTF-16BE")).text, text);
  EXPECT_EQ(read_ok("a.txt", std::string("\xFF\xFE\0\0", 4) + encode(text, "UTF-32LE")).text, text);
  EXPECT_EQ(check_head("a.txt", "\xFF\xFE" + encode(text, "UTF-16LE"), ""), std::nullopt);
}

TEST(TextEncoding, ArabicInWindows1256IsDetectedAndConverted) {
  const std::string bytes = encode(kArabic, "windows-1256");
  ASSERT_TRUE(looks_binary(bytes)) << "as UTF-8 it would be skipped";
  const std::optional<DetectedEncoding> detected = detect_encoding(bytes);
  ASSERT_TRUE(detected);
  EXPECT_EQ(detected->name, "windows-1256");
  EXPECT_EQ(check_head("a.txt", bytes, ""), std::nullopt);
  const ExtractedDocument doc = read_ok("a.txt", bytes);
  EXPECT_EQ(doc.text, kArabic);
  ASSERT_EQ(doc.notes.size(), 1u);
  EXPECT_TRUE(has(doc.notes[0], "windows-1256 (detected")) << doc.notes[0];
}

TEST(TextEncoding, ArabicInIso8859_6IsReadDetectedOrForced) {
  std::string arabic = kArabic;  // ISO-8859-6 has the Arabic comma, not every letter form
  const std::string bytes = encode(arabic, "ISO-8859-6");
  ExtractOptions forced;
  forced.encoding = "ISO-8859-6";
  EXPECT_EQ(read_ok("a.txt", bytes, forced).text, arabic);
  // Detected, it reads as Arabic whichever of the two Arabic code pages ICU names.
  const ExtractedDocument detected = read_ok("a.txt", bytes);
  EXPECT_TRUE(has(detected.text, "كازاخستان")) << detected.text;
}

TEST(TextEncoding, ForcedLatinEncodingsConvertAccents) {
  const std::string text = "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e \u2014 \u201cquoted\u201d";
  ExtractOptions forced;
  forced.encoding = "windows-1252";
  EXPECT_EQ(read_ok("a.txt", encode(text, "windows-1252"), forced).text, text);
  forced.encoding = "ISO-8859-1";
  EXPECT_EQ(read_ok("a.txt", encode("Caf\u00e9 cr\u00e8me", "ISO-8859-1"), forced).text,
            "Caf\u00e9 cr\u00e8me");
}

TEST(TextEncoding, RandomHighBytesAreNotMistakenForALegacyEncoding) {
  // ICU guesses GB18030 or Big5 for these at up to 51 %, Arabic at 1–4 %.
  for (unsigned seed = 1; seed < 6; ++seed) {
    std::string bytes;
    unsigned x = seed;
    for (int i = 0; i < 2000; ++i) {
      x = x * 1103515245u + 12345u;
      bytes.push_back(i % 7 == 6 ? ' ' : static_cast<char>(((x >> 16) & 0xFF) | 0x80));
    }
    EXPECT_EQ(detect_encoding(bytes), std::nullopt) << seed;
    EXPECT_EQ(read_skipped("a.txt", bytes).reason, SkipReason::kBinary) << seed;
  }
}

TEST(TextEncoding, BinaryAndUnsureBytesAreStillSkipped) {
  const std::string jpeg("\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01", 16);
  EXPECT_EQ(check_head("photo.jpg", jpeg, "")->reason, SkipReason::kBinary);
  EXPECT_EQ(read_skipped("photo.jpg", jpeg).reason, SkipReason::kBinary);
  EXPECT_EQ(detect_encoding(jpeg), std::nullopt) << "NUL bytes are never a legacy encoding";
  EXPECT_FALSE(is_known_encoding("no-such-encoding"));
  EXPECT_TRUE(is_known_encoding("windows-1256"));
}

TEST(TextEncoding, AFewBadBytesInUtf8AreRepairedAsBefore) {
  const ExtractedDocument doc = read_ok("a.txt", "Caf\xE9 au lait\nwith an invalid byte");
  EXPECT_EQ(doc.repaired_utf8, 1u);
  EXPECT_TRUE(doc.notes.empty());
}

TEST(Html, VisibleTextOnlyWithTitleLanguageMetadataAndCanonicalLink) {
  const std::string page =
      "<!DOCTYPE html><html lang=\"en-GB\"><head><title> The  page &amp; its title </title>"
      "<meta name=\"description\" content=\"What the page is about\">"
      "<meta name=\"keywords\" content=\"kazakhstan, accords\">"
      "<link rel=\"canonical\" href=\"https://example.org/page\">"
      "<style>.hiddenstyle { color: red }</style><script>var hiddenscript = 1;</script></head>"
      "<body><h1>Heading words</h1><p>First <b>bold</b>word caf&eacute; &lt;tag&gt;</p>"
      "<p>second</p><div>third<br>fourth</div><noscript>hiddennoscript</noscript>"
      "<!-- hiddencomment --><table><tr><td>cell</td><td>other</td></tr></table></body></html>";
  const ExtractedDocument doc = read_ok("page.html", page);
  EXPECT_EQ(doc.format, "html");
  EXPECT_EQ(doc.title, "The page & its title");
  EXPECT_EQ(doc.language, "en-GB");
  EXPECT_EQ(doc.url, "https://example.org/page");
  EXPECT_EQ(doc.metadata.at("description"), std::vector<std::string>{"What the page is about"});
  EXPECT_EQ(doc.metadata.at("keywords"), std::vector<std::string>{"kazakhstan, accords"});
  EXPECT_EQ(doc.text,
            "Heading words\nFirst boldword caf\u00e9 <tag>\nsecond\nthird\nfourth\ncell other");
  for (const char* hidden : {"hiddenstyle", "hiddenscript", "hiddennoscript", "hiddencomment"})
    EXPECT_FALSE(has(doc.text, hidden)) << hidden;
}

TEST(Html, TitleFromTheFirstHeadingWhenThereIsNoTitleElement) {
  const ExtractedDocument doc =
      read_ok("a.htm", "<body><p>intro</p><h2>The <i>first</i> heading</h2><h1>later</h1></body>");
  EXPECT_EQ(doc.title, "The first heading");
}

TEST(Html, EncodingFromTheMetaElementOrTheBytesOrTheOption) {
  const std::string body = "<title>كازاخستان</title><p>" + kArabic + "</p>";
  const ExtractedDocument declared = read_ok(
      "a.html",
      encode("<html lang=\"ar\"><head><meta charset=\"windows-1256\">" + body, "windows-1256"));
  EXPECT_EQ(declared.text, kArabic);
  EXPECT_EQ(declared.language, "ar");
  EXPECT_EQ(read_ok("a.html", body).text, kArabic) << "undeclared UTF-8";
  ExtractOptions forced;
  forced.encoding = "windows-1256";
  EXPECT_EQ(read_ok("a.html", encode(body, "windows-1256"), forced).text, kArabic);
}

TEST(Html, DeepNestingEndsWithoutTheDeepText) {
  std::string page;
  for (int i = 0; i < 20000; ++i) page += "<span>";
  page += "deepword";
  const ReadResult result = read_document("deep.html", "<p>top</p>" + page, ReadLimits{});
  ASSERT_TRUE(std::holds_alternative<ExtractedDocument>(result));
  const auto& doc = std::get<ExtractedDocument>(result);
  EXPECT_TRUE(has(doc.text, "top"));
  EXPECT_FALSE(has(doc.text, "deepword")) << "libxml2 or the walk stops at 256 levels";
}

// The walk's own bound, for trees that libxml2 lets through deeper.
TEST(MarkupText, TheWalkStopsAtTheDepthBoundWithoutRecursion) {
  const XmlDocPtr doc(xmlNewDoc(reinterpret_cast<const xmlChar*>("1.0")));
  xmlNode* node = xmlNewNode(nullptr, reinterpret_cast<const xmlChar*>("div"));
  xmlDocSetRootElement(doc.get(), node);
  for (int i = 0; i < 100000; ++i)
    node = xmlNewChild(node, nullptr, reinterpret_cast<const xmlChar*>("div"), nullptr);
  struct Counter {
    int deepest = 0, depth = 0;
    bool enter(xmlNode*) {
      deepest = std::max(deepest, ++depth);
      return true;
    }
    void leave(xmlNode*) { --depth; }
  } counter;
  EXPECT_TRUE(walk_tree(xmlDocGetRootElement(doc.get()), counter)) << "says it stopped";
  EXPECT_EQ(counter.deepest, kMaxMarkupDepth + 1);
  EXPECT_EQ(counter.depth, 0) << "every node entered is left";
}

TEST(Html, TextIsCutAtTheBound) {
  std::string page = "<p>";
  for (int i = 0; i < 1000; ++i) page += "كلمة ";
  ExtractOptions small;
  small.max_text_bytes = 101;
  const ExtractedDocument doc = read_ok("a.html", page, small);
  EXPECT_LE(doc.text.size(), 101u);
  EXPECT_EQ(count_invalid_utf8(doc.text), 0u) << "cut at a code point boundary";
  ASSERT_FALSE(doc.notes.empty());
  EXPECT_TRUE(has(doc.notes[0], "cut at --max-size")) << doc.notes[0];
}

// Found by html_fuzzer: libxml2 passes the bytes of an entity name on as
// they are, in a page that says UTF-8 and is not.
TEST(Html, BytesThatAreNotTheDeclaredUtf8ComeOutRepaired) {
  const ExtractedDocument doc =
      read_ok("a.html", "<meta charset=\"utf-8\"><p>One &\x97\x9dsp;word</p>");
  EXPECT_EQ(count_invalid_utf8(doc.text), 0u) << doc.text;
  EXPECT_TRUE(has(doc.text, "word")) << doc.text;
}

TEST(Html, EmptyAndMarkupOnlyPagesAreSkippedAsEmpty) {
  EXPECT_EQ(read_skipped("a.html", "").reason, SkipReason::kEmpty);
  EXPECT_EQ(read_skipped("a.html", "<html><script>x()</script></html>").reason, SkipReason::kEmpty);
}

DocumentContent content() {
  return {.title = "Kazakhstan joins",
          .author = "A. Writer",
          .language = "id",
          .paragraphs = {"Kazakhstan akan bergabung", "dengan Abraham Accords & Israel"}};
}

std::string file_bytes(const std::string& path) { return testing::read_file(path); }

TEST(ZipDocuments, DocxOdtAndEpubGiveTextTitleAndMetadata) {
  TempDir dir;
  testing::write_docx(dir / "a.docx", content());
  testing::write_odt(dir / "a.odt", content());
  testing::write_epub(dir / "a.epub", content());
  for (const char* name : {"a.docx", "a.odt", "a.epub"}) {
    SCOPED_TRACE(name);
    const ExtractedDocument doc = read_ok(name, file_bytes(dir / name));
    EXPECT_EQ(doc.format, std::string(name).substr(2));
    EXPECT_EQ(doc.text, "Kazakhstan akan bergabung\ndengan Abraham Accords & Israel");
    EXPECT_EQ(doc.title, "Kazakhstan joins");
    EXPECT_EQ(doc.language, "id");
    EXPECT_EQ(doc.metadata.at("author"), std::vector<std::string>{"A. Writer"});
  }
  EXPECT_EQ(read_ok("a.docx", file_bytes(dir / "a.docx")).metadata.at("created"),
            std::vector<std::string>{"2025-01-02T03:04:05Z"});
  EXPECT_EQ(read_ok("a.epub", file_bytes(dir / "a.epub")).metadata.at("modified"),
            std::vector<std::string>{"2025-01-02T03:04:05Z"});
}

TEST(ZipDocuments, DamagedArchivesAreDamagedWhenNamedSoElseBinary) {
  EXPECT_EQ(read_skipped("a.docx", "PK\x03\x04 not really a zip").reason, SkipReason::kDamaged);
  EXPECT_EQ(read_skipped("a.bin", std::string("PK\x03\x04\0\0\x01", 7)).reason,
            SkipReason::kBinary);
  TempDir dir;
  testing::write_zip(dir / "other.zip", {{"readme.txt", "just a zip"}});
  EXPECT_EQ(read_skipped("other.zip", file_bytes(dir / "other.zip")).reason, SkipReason::kBinary);
  testing::write_zip(dir / "bad.docx", {{"word/document.xml", "<w:document><unclosed"}});
  const Skip bad = read_skipped("bad.docx", file_bytes(dir / "bad.docx"));
  EXPECT_EQ(bad.reason, SkipReason::kDamaged);
  EXPECT_TRUE(has(bad.message, "word/document.xml is not XML")) << bad.message;
}

TEST(ZipDocuments, AZipBombIsStoppedByTheDecompressedBound) {
  TempDir dir;
  const std::string huge =
      "<w:document xmlns:w=\"w\"><w:body>" + std::string(40u << 20, ' ') + "</w:body></w:document>";
  testing::write_zip(dir / "bomb.docx",
                     {{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", huge}});
  const std::string bytes = file_bytes(dir / "bomb.docx");
  EXPECT_LT(bytes.size(), 1u << 20) << "40 MB compress to little";
  ExtractOptions options;
  options.max_text_bytes = 1000;  // a bound of max(4 × 1000, 16 MiB) decompressed
  const Skip skip = read_skipped("bomb.docx", bytes, options);
  EXPECT_EQ(skip.reason, SkipReason::kTooLarge);
  EXPECT_TRUE(has(skip.message, "zip bomb")) << skip.message;
}

TEST(ZipDocuments, TooManyEntriesAreRefused) {
  TempDir dir;
  std::vector<std::pair<std::string, std::string>> entries;
  for (std::uint64_t i = 0; i <= kMaxZipEntries; ++i) entries.emplace_back(std::to_string(i), "");
  entries.emplace_back("word/document.xml", "<document/>");
  testing::write_zip(dir / "many.docx", entries);
  const Skip skip = read_skipped("many.docx", file_bytes(dir / "many.docx"));
  EXPECT_EQ(skip.reason, SkipReason::kTooLarge);
  EXPECT_TRUE(has(skip.message, "entries")) << skip.message;
}

TEST(ZipDocuments, AnEncryptedEntryIsReportedEncrypted) {
  TempDir dir;
  testing::write_docx(dir / "plain.docx", content());
  int error = 0;
  zip_t* zip = zip_open((dir / "plain.docx").c_str(), 0, &error);
  ASSERT_NE(zip, nullptr);
  const zip_int64_t index = zip_name_locate(zip, "word/document.xml", 0);
  ASSERT_GE(index, 0);
  if (zip_file_set_encryption(zip, static_cast<zip_uint64_t>(index), ZIP_EM_AES_256, "secret") !=
      0) {
    zip_discard(zip);
    GTEST_SKIP() << "libzip without encryption";
  }
  ASSERT_EQ(zip_close(zip), 0);
  EXPECT_EQ(read_skipped("plain.docx", file_bytes(dir / "plain.docx")).reason,
            SkipReason::kEncrypted);
}

std::string make_pdf(const TempDir& dir, const std::string& name, const DocumentContent& doc,
                     const std::vector<std::string>& pages) {
  const std::string error = testing::write_pdf(dir / name, doc, pages);
  EXPECT_EQ(error, "");
  return error.empty() ? file_bytes(dir / name) : std::string();
}

TEST(Pdf, TextPageByPageWithTitleAuthorAndDates) {
  TempDir dir;
  const std::string bytes =
      make_pdf(dir, "a.pdf", content(), {"Kazakhstan akan bergabung", "halaman kedua"});
  if (bytes.empty()) return;
  const ExtractedDocument doc = read_ok("a.pdf", bytes);
  EXPECT_EQ(doc.format, "pdf");
  EXPECT_EQ(doc.title, "Kazakhstan joins");
  EXPECT_EQ(doc.metadata.at("author"), std::vector<std::string>{"A. Writer"});
  ASSERT_EQ(doc.metadata.count("created"), 1u);
  EXPECT_TRUE(doc.metadata.at("created")[0].starts_with("2025-01-0"))
      << doc.metadata.at("created")[0];
  const std::size_t first = doc.text.find("Kazakhstan akan bergabung");
  const std::size_t second = doc.text.find("halaman kedua");
  ASSERT_NE(first, std::string::npos) << doc.text;
  ASSERT_NE(second, std::string::npos) << doc.text;
  EXPECT_LT(first, second);
}

TEST(Pdf, ArabicComesOutInLogicalOrder) {
  TempDir dir;
  const std::string bytes = make_pdf(dir, "ar.pdf", content(), {kArabic});
  if (bytes.empty()) return;
  const ExtractedDocument doc = read_ok("ar.pdf", bytes);
  for (const char* word : {"كازاخستان", "الخميس", "اتفاقات", "أبراهام"})
    EXPECT_TRUE(has(doc.text, word)) << word << " in: " << doc.text;
  EXPECT_LT(doc.text.find("ستعلن"), doc.text.find("الخميس")) << doc.text;
}

TEST(Pdf, TheTimeLimitStopsBetweenPages) {
  TempDir dir;
  const std::string bytes = make_pdf(dir, "a.pdf", content(), {"first page", "second page"});
  if (bytes.empty()) return;
  ExtractOptions hurried;
  hurried.time_limit_seconds = 1e-9;
  const ExtractedDocument doc = read_ok("a.pdf", bytes, hurried);
  EXPECT_TRUE(has(doc.text, "first page"));
  EXPECT_FALSE(has(doc.text, "second page"));
  ASSERT_FALSE(doc.notes.empty());
  EXPECT_TRUE(has(doc.notes[0], "time limit")) << doc.notes[0];
}

TEST(Pdf, DamagedAndEncryptedPdfsAreSkippedWithTheirReason) {
  EXPECT_EQ(read_skipped("a.pdf", "%PDF-1.7\nnot a pdf at all").reason, SkipReason::kDamaged);
  TempDir dir;
  if (make_pdf(dir, "plain.pdf", content(), {"secret words"}).empty()) return;
  const testing::CommandResult qpdf = testing::run_program(
      {"qpdf", "--encrypt", "user", "owner", "256", "--", dir / "plain.pdf", dir / "locked.pdf"});
  if (qpdf.exit_code != 0) GTEST_SKIP() << "qpdf: " << qpdf.err;
  const Skip skip = read_skipped("locked.pdf", file_bytes(dir / "locked.pdf"));
  EXPECT_EQ(skip.reason, SkipReason::kEncrypted);
  EXPECT_EQ(skip.message, "encrypted PDF (needs a password); skipped");
}

TEST(DeclaredLanguage, TrustedWhenItsScriptAgreesWithTheText) {
  EXPECT_EQ(declared_language("en-GB", "some English words"), Language::kEnglish);
  EXPECT_EQ(declared_language("in", "kata kata"), Language::kIndonesian);
  EXPECT_EQ(declared_language("id", "kata kata"), Language::kIndonesian);
  EXPECT_EQ(declared_language("ar", kArabic), Language::kArabic);
  EXPECT_EQ(declared_language("en", kArabic), Language::kUnknown) << "a template's lang";
  EXPECT_EQ(declared_language("ar", "Latin text only"), Language::kUnknown);
  EXPECT_EQ(declared_language("fr", "du texte"), Language::kUnknown);
  EXPECT_EQ(declared_language("", "text"), Language::kUnknown);
}

// Through the library: a folder of documents of several formats is indexed
// by Indexer and each found by Searcher with its title and language; the
// counts by format and the notes are in the report.
TEST(FileFormatsIndexed, ThroughTheIndexerEachFormatIsFoundWithTitleAndLanguage) {
  TempDir dir;
  testing::write_file(dir / "docs/page.html",
                      "<html lang=\"en\"><title>Web page</title><script>var hiddenscript;</script>"
                      "<p>Kazakhstan is set to join the accords</p></html>");
  testing::write_docx(dir / "docs/report.docx", content());
  testing::write_file(dir / "docs/arabic.txt", encode("عنوان\n" + kArabic, "windows-1256"));
  Indexer indexer(dir / "db");
  std::vector<IndexProblem> problems;
  indexer.on_problem([&](const IndexProblem& p) { problems.push_back(p); });
  indexer.add_path(dir / "docs");
  const IndexReport report = indexer.finish();
  EXPECT_EQ(report.added, 3u);
  EXPECT_EQ(report.formats,
            (std::map<std::string, std::uint64_t>{{"docx", 1}, {"html", 1}, {"text", 1}}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_TRUE(has(problems[0].message, "read as windows-1256")) << problems[0].message;
  Searcher searcher({dir / "db"});
  // Queries cross languages: the hit of the document meant, among others.
  const auto hit_of = [&](const std::string& query, const std::string& id) {
    for (const Hit& hit : searcher.search(query).hits) {
      if (hit.id == id) return hit;
    }
    ADD_FAILURE() << id << " not found by " << query;
    return Hit{};
  };
  const Hit page = hit_of("accords", "page.html");
  EXPECT_EQ(page.id, "page.html");
  EXPECT_EQ(page.title, "Web page");
  EXPECT_EQ(page.lang, "en");
  const Hit report_hit = hit_of("bergabung", "report.docx");
  EXPECT_EQ(report_hit.title, "Kazakhstan joins");
  EXPECT_EQ(report_hit.lang, "id");
  const Hit arabic = hit_of("الخميس", "arabic.txt");
  EXPECT_EQ(arabic.id, "arabic.txt");
  EXPECT_EQ(arabic.title, "عنوان");
  EXPECT_EQ(arabic.lang, "ar");
  EXPECT_TRUE(searcher.search("hiddenscript").hits.empty());
}

}  // namespace
}  // namespace lisan::internal
