#include "index_report.h"

#include <algorithm>

namespace lisan::internal {

void add_report(IndexReport& total, const IndexReport& part) {
  total.added += part.added;
  total.replaced += part.replaced;
  total.unchanged += part.unchanged;
  total.removed += part.removed;
  total.deleted += part.deleted;
  total.not_found += part.not_found;
  total.fields_dropped += part.fields_dropped;
  for (const auto& [reason, count] : part.skipped) total.skipped[reason] += count;
  total.repaired_utf8 += part.repaired_utf8;
  total.bytes += part.bytes;
  for (const auto& [lang, count] : part.languages) total.languages[lang] += count;
  for (const auto& [format, count] : part.formats) total.formats[format] += count;
  total.seconds = std::max(total.seconds, part.seconds);
  total.interrupted = total.interrupted || part.interrupted;
}

}  // namespace lisan::internal
