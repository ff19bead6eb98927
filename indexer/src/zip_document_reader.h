// Documents that are zip archives of XML, through libzip and libxml2:
// Office Open XML text (.docx), OpenDocument text (.odt) and EPUB. Their
// text and core metadata (title, author, dates, language, description,
// keywords), within bounds for zip bombs: entries, bytes decompressed.
#pragma once

#include <cstdint>
#include <string_view>

#include "document_reader.h"

namespace lisan::internal {

// An archive listing more entries than this is not opened.
inline constexpr std::uint64_t kMaxZipEntries = 10000;

// At most this many bytes are decompressed from one archive, whatever its
// entries claim: 4 × the text bound (XML is wordier than its text), and
// at least 16 MiB.
std::uint64_t max_unzipped_bytes(const ReadLimits& limits) noexcept;

// `file_name` decides only how a damaged archive is reported: damaged when
// named .docx, .odt or .epub, binary otherwise.
ReadResult read_zip_document(std::string_view file_name, std::string_view bytes,
                             const ReadLimits& limits);

}  // namespace lisan::internal
