// Reading one file's bytes as a document: its format told by magic bytes
// and name (detect_format), then the reader of that format — plain text
// (text_encoding), HTML (html_reader), PDF (pdf_reader), DOCX, ODT and EPUB
// (zip_document_reader) — each within the bounds a hostile file needs.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "lisan/analyzers/language.h"
#include "lisan/indexer/file_formats.h"
#include "source_file.h"

namespace lisan::internal {

enum class DocumentFormat { kText, kHtml, kPdf, kZip };

// The bounds of one file's extraction (ExtractOptions, with the clock started).
struct ReadLimits {
  std::uint64_t max_text_bytes = 64ull << 20;
  double time_limit_seconds = 60;
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  std::string encoding;  // forced; empty: detected

  static ReadLimits starting_now(const ExtractOptions& options);
  bool past_deadline() const { return std::chrono::steady_clock::now() > deadline; }
  // The note of a reader stopped by the deadline after `done` (e.g. "page 3").
  std::string time_limit_note(const std::string& done) const;
};

using ReadResult = std::variant<ExtractedDocument, Skip>;

// By content first (%PDF-, a zip's PK signature, an HTML doctype or <html>),
// then by the name's extension (.html, .htm, .xhtml); else plain text.
DocumentFormat detect_format(std::string_view file_name, std::string_view head) noexcept;

// Why a file whose first bytes are `head` is skipped as binary without being
// read whole; nullopt when it may be a document (a format of ours, text in
// a byte order mark's encoding, the forced `encoding` or a detected one).
std::optional<Skip> check_head(std::string_view file_name, std::string_view head,
                               const std::string& encoding);

// The document in `bytes`, or why there is none.
ReadResult read_document(std::string_view file_name, std::string_view bytes,
                         const ReadLimits& limits);

// Plain text: converted to UTF-8 when it is in another encoding, repaired,
// split into title, body and url.
ReadResult read_text(std::string_view bytes, const ReadLimits& limits);

// Ends `doc`: its title from its first line when it has none, its text cut
// to the bound (noted), skipped as empty when it holds nothing.
ReadResult finish_document(ExtractedDocument doc, const ReadLimits& limits);

// The language a document declares (ExtractedDocument::language: "en-GB",
// "ar", "in"), when it is one of lisan's and its script agrees with the
// text: a template's lang="en" on an Arabic page is not believed. kUnknown:
// let the detector decide.
Language declared_language(std::string_view declared, std::string_view text) noexcept;

}  // namespace lisan::internal
