#include "pdf_reader.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <climits>
#include <ctime>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "markup_text.h"

namespace lisan::internal {
namespace {

// poppler prints what it finds wrong in a file to standard error; the
// indexer reports files its own way.
void quiet_poppler() {
  static std::once_flag once;
  std::call_once(
      once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

std::string utf8(const poppler::ustring& text) {
  const poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// A date of the document's information as ISO 8601 (UTC); empty when it has none.
std::string iso_date(std::time_t when) {
  if (when == static_cast<std::time_t>(-1) || when == 0) return {};
  std::tm parts{};
  if (gmtime_r(&when, &parts) == nullptr) return {};
  char out[32];
  return std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &parts) > 0 ? std::string(out)
                                                                          : std::string();
}

void add_metadata(ExtractedDocument& doc, const char* name, std::string value) {
  if (!value.empty()) doc.metadata[name].push_back(std::move(value));
}

void take_information(const poppler::document& pdf, ExtractedDocument& doc) {
  doc.title = utf8(pdf.get_title());
  add_metadata(doc, "author", utf8(pdf.get_author()));
  add_metadata(doc, "subject", utf8(pdf.get_subject()));
  add_metadata(doc, "keywords", utf8(pdf.get_keywords()));
  add_metadata(doc, "created", iso_date(pdf.get_creation_date_t()));
  add_metadata(doc, "modified", iso_date(pdf.get_modification_date_t()));
}

// The text of the pages, in order, a blank line between two; stops at the
// page bound, the text bound and the time limit, noting which.
std::string page_texts(const poppler::document& pdf, const ReadLimits& limits,
                       std::vector<std::string>& notes) {
  const int pages = pdf.pages();
  const int readable = std::min(pages, kMaxPdfPages);
  if (pages > readable) {
    notes.push_back("PDF of " + std::to_string(pages) + " pages: the first " +
                    std::to_string(readable) + " are indexed");
  }
  std::string text;
  for (int i = 0; i < readable; ++i) {
    const std::unique_ptr<poppler::page> page(pdf.create_page(i));
    if (page) {
      if (!text.empty()) text += "\n\n";
      text += utf8(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout));
    }
    if (text.size() >= limits.max_text_bytes) break;  // cut and noted by finish_document
    if (i + 1 < readable && limits.past_deadline()) {
      notes.push_back(limits.time_limit_note("page " + std::to_string(i + 1)));
      break;
    }
  }
  return text;
}

}  // namespace

ReadResult read_pdf(std::string_view bytes, const ReadLimits& limits) {
  if (bytes.size() > static_cast<std::size_t>(INT_MAX))
    return Skip{"PDF larger than 2 GB; skipped", SkipReason::kTooLarge};
  quiet_poppler();
  const std::unique_ptr<poppler::document> pdf(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!pdf) return Skip{"damaged PDF (poppler cannot read it); skipped", SkipReason::kDamaged};
  if (pdf->is_locked())
    return Skip{"encrypted PDF (needs a password); skipped", SkipReason::kEncrypted};
  ExtractedDocument doc;
  doc.format = "pdf";
  take_information(*pdf, doc);
  doc.text = page_texts(*pdf, limits, doc.notes);
  return finish_document(std::move(doc), limits);
}

}  // namespace lisan::internal
