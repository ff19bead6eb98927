#include "index_metadata.h"

#include <ctime>

#include "lisan/analyzers/error.h"
#include "lisan/analyzers/version.h"
#include "lisan/indexer/schema.h"

namespace lisan::internal {

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
    throw IndexError("index " + db_path + " has schema version " + schema_version +
                     "; this lisan reads version " + std::to_string(schema::kSchemaVersion) +
                     ": rebuild the index with this lisan");
  }
  if (analyzer != kAnalyzerName || analyzer_version != std::to_string(kAnalyzerVersion)) {
    throw IndexError("index " + db_path + " was analysed by " + analyzer + " version " +
                     analyzer_version + "; this lisan uses " + std::string(kAnalyzerName) +
                     " version " + std::to_string(kAnalyzerVersion) +
                     ": rebuild the index with this lisan");
  }
}

}  // namespace lisan::internal
