#include "lisan/format/internal/index_metadata.h"

#include <ctime>

#include "lisan/analyzers/error.h"
#include "lisan/format/index_error.h"
#include "lisan/analyzers/version.h"
#include "lisan/format/schema.h"

namespace lisan::internal {
namespace {

// A metadata value for a message: whatever the index file holds, so an empty
// one is named and a huge one cut (the CLI escapes control characters).
std::string shown_metadata(const std::string& value) {
  constexpr std::size_t kMaxShownBytes = 64;
  if (value.empty()) return "(none)";
  if (value.size() <= kMaxShownBytes) return value;
  std::size_t cut = kMaxShownBytes;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return value.substr(0, cut) + "…";
}

}  // namespace

std::string utc_now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

void stamp_new_index(Xapian::WritableDatabase& db) {
  db.set_metadata(std::string(schema::kSchemaVersionKey), std::to_string(schema::kSchemaVersion));
  db.set_metadata(std::string(schema::kAnalyzerNameKey), std::string(kAnalyzerName));
  db.set_metadata(std::string(schema::kAnalyzerVersionKey), std::to_string(kAnalyzerVersion));
  db.set_metadata(std::string(schema::kCreatedKey), utc_now_iso8601());
}

void check_index_compatible(const Xapian::Database& db, const std::string& db_path) {
  const std::string schema_version = db.get_metadata(std::string(schema::kSchemaVersionKey));
  const std::string analyzer = db.get_metadata(std::string(schema::kAnalyzerNameKey));
  const std::string analyzer_version = db.get_metadata(std::string(schema::kAnalyzerVersionKey));
  if (schema_version.empty() && analyzer.empty()) {
    if (db.get_doccount() == 0) return;
    throw IndexError("index " + db_path + " was not written by lisan (no lisan metadata)");
  }
  if (schema_version != std::to_string(schema::kSchemaVersion)) {
    throw IndexError("index " + db_path + " has schema version " + shown_metadata(schema_version) +
                     "; this lisan reads version " + std::to_string(schema::kSchemaVersion) +
                     ": rebuild the index with this lisan");
  }
  if (analyzer != kAnalyzerName || analyzer_version != std::to_string(kAnalyzerVersion)) {
    throw IndexError("index " + db_path + " was analysed by " + shown_metadata(analyzer) +
                     " version " + shown_metadata(analyzer_version) + "; this lisan uses " +
                     std::string(kAnalyzerName) + " version " + std::to_string(kAnalyzerVersion) +
                     ": rebuild the index with this lisan");
  }
}

}  // namespace lisan::internal
