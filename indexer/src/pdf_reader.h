// PDF through poppler (its C++ interface): the text page by page in
// reading order, title, author, subject, keywords and dates from the
// document's information; an encrypted PDF that needs a password, or one
// poppler cannot read, is skipped with the reason.
#pragma once

#include <cstddef>
#include <string_view>

#include "document_reader.h"

namespace lisan::internal {

// Pages past this are not read (noted): a hostile PDF may claim millions.
inline constexpr int kMaxPdfPages = 10000;

ReadResult read_pdf(std::string_view bytes, const ReadLimits& limits);

}  // namespace lisan::internal
