#include "document_reader.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "html_reader.h"
#include "lisan/analyzers/language_detector.h"
#include "lisan/analyzers/utf8.h"
#include "markup_text.h"
#include "pdf_reader.h"
#include "text_encoding.h"
#include "text_file.h"
#include "zip_document_reader.h"

namespace lisan::internal {
namespace {

constexpr const char* kBinaryMessage =
    "binary content (NUL bytes, control bytes or mostly invalid UTF-8); skipped";

bool has_extension(std::string_view name, std::string_view ext) {
  if (name.size() <= ext.size()) return false;
  const std::string_view tail = name.substr(name.size() - ext.size());
  return std::equal(tail.begin(), tail.end(), ext.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == b;
  });
}

// `prefix` is lowercase.
bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
           return a == std::tolower(static_cast<unsigned char>(b));
         });
}

// An HTML page told by its first tag, whatever its name: "<!DOCTYPE html",
// "<html", or an XML declaration followed by <html soon after.
bool looks_like_html(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  while (!head.empty() && std::isspace(static_cast<unsigned char>(head.front())))
    head.remove_prefix(1);
  if (starts_with_nocase(head, "<!doctype html") || starts_with_nocase(head, "<html")) return true;
  if (!head.starts_with("<?xml")) return false;
  const std::string_view start = head.substr(0, 1024);
  return start.find("<html") != std::string_view::npos ||
         start.find("<!DOCTYPE html") != std::string_view::npos;
}

// A PDF may have bytes before its header (the specification allows some).
bool has_pdf_header(std::string_view head) {
  return head.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

// Plain text in `encoding` (forced, of a byte order mark or detected) as UTF-8.
ReadResult converted_text(std::string_view bytes, const std::string& encoding,
                          const ReadLimits& limits, std::string note) {
  std::optional<std::string> text = to_utf8(bytes, encoding.c_str());
  if (!text) return Skip{"unknown encoding " + encoding + "; skipped", SkipReason::kBinary};
  if (is_blank(*text)) return Skip{"empty or whitespace-only; skipped", SkipReason::kEmpty};
  if (looks_binary(*text)) return Skip{kBinaryMessage, SkipReason::kBinary};
  const TextParts parts = split_text_file(*text);
  ExtractedDocument doc;
  doc.format = "text";
  doc.title = std::string(parts.title);
  doc.url = std::string(parts.url);
  doc.text = std::string(parts.body);
  if (!note.empty()) doc.notes.push_back(std::move(note));
  return finish_document(std::move(doc), limits);
}

}  // namespace

ReadLimits ReadLimits::starting_now(const ExtractOptions& options) {
  ReadLimits limits;
  limits.max_text_bytes = options.max_text_bytes;
  limits.time_limit_seconds = options.time_limit_seconds;
  limits.encoding = options.encoding;
  // A limit beyond a year is no limit (and would overflow the clock).
  if (options.time_limit_seconds > 0 && options.time_limit_seconds < 3.2e7) {
    limits.deadline = std::chrono::steady_clock::now() +
                      std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                          std::chrono::duration<double>(options.time_limit_seconds));
  }
  return limits;
}

std::string ReadLimits::time_limit_note(const std::string& done) const {
  return "time limit of " + std::to_string(static_cast<long long>(std::ceil(time_limit_seconds))) +
         " s per file reached after " + done + "; the rest is not indexed";
}

DocumentFormat detect_format(std::string_view file_name, std::string_view head) noexcept {
  if (has_pdf_header(head)) return DocumentFormat::kPdf;
  if (head.starts_with("PK\x03\x04")) return DocumentFormat::kZip;
  if (has_extension(file_name, ".html") || has_extension(file_name, ".htm") ||
      has_extension(file_name, ".xhtml") || looks_like_html(head)) {
    return DocumentFormat::kHtml;
  }
  return DocumentFormat::kText;
}

std::optional<Skip> check_head(std::string_view file_name, std::string_view head,
                               const std::string& encoding) {
  if (detect_format(file_name, head) != DocumentFormat::kText) return std::nullopt;
  if (!bom_encoding(head).empty() || !encoding.empty() || !looks_binary(head)) return std::nullopt;
  if (detect_encoding(head)) return std::nullopt;
  return Skip{kBinaryMessage, SkipReason::kBinary};
}

ReadResult read_text(std::string_view bytes, const ReadLimits& limits) {
  if (!limits.encoding.empty()) return converted_text(bytes, limits.encoding, limits, {});
  if (const std::string_view bom = bom_encoding(bytes); !bom.empty() && bom != "UTF-8") {
    return converted_text(bytes.substr(bom.starts_with("UTF-32") ? 4 : 2), std::string(bom), limits,
                          {});
  }
  if (is_blank(bytes)) return Skip{"empty or whitespace-only; skipped", SkipReason::kEmpty};
  if (looks_binary(bytes)) {
    // Mostly undecodable as UTF-8: text in a legacy encoding, if ICU is
    // sure which; else binary, as before.
    const std::optional<DetectedEncoding> detected = detect_encoding(bytes);
    if (!detected) return Skip{kBinaryMessage, SkipReason::kBinary};
    return converted_text(bytes, detected->name, limits,
                          "read as " + detected->name + " (detected, " +
                              std::to_string(detected->confidence) + "% confident)");
  }
  std::size_t repaired = 0;
  const std::string text = repair_utf8(bytes, &repaired);
  const TextParts parts = split_text_file(text);
  ExtractedDocument doc;
  doc.format = "text";
  doc.title = std::string(parts.title);
  doc.url = std::string(parts.url);
  doc.text = std::string(parts.body);
  doc.repaired_utf8 = repaired;
  return finish_document(std::move(doc), limits);
}

ReadResult finish_document(ExtractedDocument doc, const ReadLimits& limits) {
  // Parsers pass on some bytes as they found them (libxml2 in an entity
  // name of a page that is not the UTF-8 it says): repaired here, for all.
  for (std::string* part : {&doc.text, &doc.title, &doc.url}) {
    if (count_invalid_utf8(*part) != 0) {
      std::size_t repaired = 0;
      *part = repair_utf8(*part, &repaired);
      doc.repaired_utf8 += repaired;
    }
  }
  if (doc.text.size() > limits.max_text_bytes) {
    cut_utf8(doc.text, limits.max_text_bytes);
    doc.notes.push_back("text cut at --max-size (" + std::to_string(limits.max_text_bytes) +
                        " bytes)");
  }
  doc.title = std::string(shorten_title(trim(doc.title)));
  if (doc.title.empty()) doc.title = std::string(split_text_file(doc.text).title);
  if (is_blank(doc.text) && is_blank(doc.title))
    return Skip{"no text in the " + doc.format + " document; skipped", SkipReason::kEmpty};
  return doc;
}

Language declared_language(std::string_view declared, std::string_view text) noexcept {
  std::string_view primary = declared.substr(0, declared.find_first_of("-_"));
  if (primary == "in" || primary == "IN") primary = "id";  // the code Indonesian had before 1989
  const std::optional<Language> lang = parse_language(primary);
  if (!lang || *lang == Language::kUnknown) return Language::kUnknown;
  const bool arabic_text = detect_language(text.substr(0, 16 * 1024)) == Language::kArabic;
  return (*lang == Language::kArabic) == arabic_text ? *lang : Language::kUnknown;
}

ReadResult read_document(std::string_view file_name, std::string_view bytes,
                         const ReadLimits& limits) {
  switch (detect_format(file_name, bytes)) {
    case DocumentFormat::kPdf:
      return read_pdf(bytes, limits);
    case DocumentFormat::kZip:
      return read_zip_document(file_name, bytes, limits);
    case DocumentFormat::kHtml:
      return read_html(bytes, limits);
    case DocumentFormat::kText:
      break;
  }
  return read_text(bytes, limits);
}

}  // namespace lisan::internal

namespace lisan {

ExtractedDocument extract_document(std::string_view file_name, std::string_view bytes,
                                   const ExtractOptions& options) {
  internal::ReadResult result =
      internal::read_document(file_name, bytes, internal::ReadLimits::starting_now(options));
  if (auto* doc = std::get_if<ExtractedDocument>(&result)) return std::move(*doc);
  auto& skip = std::get<internal::Skip>(result);
  ExtractedDocument skipped;
  skipped.skipped = skip.reason;
  skipped.skip_message = std::move(skip.message);
  return skipped;
}

bool is_known_encoding(const std::string& name) {
  return !name.empty() && internal::to_utf8("", name.c_str()).has_value();
}

}  // namespace lisan
