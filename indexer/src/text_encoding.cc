#include "text_encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <array>
#include <memory>

namespace lisan::internal {
namespace {

struct DetectorClose {
  void operator()(UCharsetDetector* detector) const { ucsdet_close(detector); }
};
struct ConverterClose {
  void operator()(UConverter* converter) const { ucnv_close(converter); }
};
using Detector = std::unique_ptr<UCharsetDetector, DetectorClose>;
using Converter = std::unique_ptr<UConverter, ConverterClose>;

// What the detector sees: a sample is as good as the whole for its
// statistics, and keeps a 64 MB file's detection as cheap as a small one's
// (ICU takes about 3 ms for 4 KB: its recognizers each read the sample).
constexpr std::size_t kDetectionSample = 16 * 1024;

bool is_unicode_form(std::string_view name) {
  return name.starts_with("UTF-") || name.starts_with("UTF8") || name.starts_with("UTF16");
}

int min_confidence(std::string_view name) {
  return name == "windows-1256" || name == "ISO-8859-6" ? kMinArabicConfidence
                                                        : kMinEncodingConfidence;
}

// Appends `units` to `out` as UTF-8 (unpaired surrogates become U+FFFD).
void append_utf8(const UChar* units, std::int32_t count, std::string& out) {
  if (count == 0) return;
  const std::size_t old_size = out.size();
  out.resize(old_size + static_cast<std::size_t>(count) * 3);
  std::int32_t written = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strToUTF8WithSub(out.data() + old_size, static_cast<std::int32_t>(count) * 3, &written, units,
                     count, 0xFFFD, nullptr, &status);
  out.resize(U_SUCCESS(status) ? old_size + static_cast<std::size_t>(written) : old_size);
}

}  // namespace

std::string_view bom_encoding(std::string_view bytes) noexcept {
  // UTF-32LE's mark begins as UTF-16LE's does: it is looked for first.
  if (bytes.starts_with(std::string_view("\xFF\xFE\0\0", 4))) return "UTF-32LE";
  if (bytes.starts_with(std::string_view("\0\0\xFE\xFF", 4))) return "UTF-32BE";
  if (bytes.starts_with("\xEF\xBB\xBF")) return "UTF-8";
  if (bytes.starts_with("\xFF\xFE")) return "UTF-16LE";
  if (bytes.starts_with("\xFE\xFF")) return "UTF-16BE";
  return {};
}

std::optional<DetectedEncoding> detect_encoding(std::string_view bytes, bool markup) {
  const std::string_view sample = bytes.substr(0, kDetectionSample);
  if (sample.empty() || sample.find('\0') != std::string_view::npos) return std::nullopt;
  // One detector a thread, kept: opening one sets up all of ICU's
  // recognizers, which cost as much as detecting a page of text.
  UErrorCode status = U_ZERO_ERROR;
  thread_local const Detector detector(ucsdet_open(&status));
  if (!detector) return std::nullopt;
  status = U_ZERO_ERROR;
  ucsdet_enableInputFilter(detector.get(), markup ? 1 : 0);
  ucsdet_setText(detector.get(), sample.data(), static_cast<std::int32_t>(sample.size()), &status);
  std::int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &status);
  if (U_FAILURE(status) || matches == nullptr) return std::nullopt;
  for (std::int32_t i = 0; i < count; ++i) {
    DetectedEncoding found;
    found.confidence = ucsdet_getConfidence(matches[i], &status);
    const char* name = ucsdet_getName(matches[i], &status);
    if (U_FAILURE(status) || name == nullptr) return std::nullopt;
    found.name = name;
    if (found.confidence >= min_confidence(found.name) && !is_unicode_form(found.name))
      return found;
  }
  return std::nullopt;
}

std::optional<std::string> to_utf8(std::string_view bytes, const char* encoding) {
  UErrorCode status = U_ZERO_ERROR;
  const Converter converter(ucnv_open(encoding, &status));
  if (U_FAILURE(status)) return std::nullopt;
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  // Converted a buffer at a time, so that a 64 MB file needs no 128 MB of
  // UTF-16 on the way; a lead surrogate at a buffer's end waits for its
  // trail in the next one.
  std::array<UChar, 16 * 1024> buffer{};
  const char* source = bytes.data();
  const char* const source_end = bytes.data() + bytes.size();
  std::size_t carried = 0;
  bool done = false;
  while (!done) {
    UChar* target = buffer.data() + carried;
    status = U_ZERO_ERROR;
    ucnv_toUnicode(converter.get(), &target, buffer.data() + buffer.size(), &source, source_end,
                   nullptr, 1, &status);
    if (U_FAILURE(status) && status != U_BUFFER_OVERFLOW_ERROR) return std::nullopt;
    done = status != U_BUFFER_OVERFLOW_ERROR;
    auto count = static_cast<std::int32_t>(target - buffer.data());
    carried =
        (!done && count > 0 && U16_IS_LEAD(buffer[static_cast<std::size_t>(count - 1)])) ? 1 : 0;
    append_utf8(buffer.data(), count - static_cast<std::int32_t>(carried), out);
    if (carried == 1) buffer[0] = buffer[static_cast<std::size_t>(count - 1)];
  }
  if (out.starts_with("\xEF\xBB\xBF")) out.erase(0, 3);
  return out;
}

}  // namespace lisan::internal
