#include "index_metadata.h"

#include <ctime>
#include <filesystem>

#include "lisan/analyzers/error.h"
#include "lisan/analyzers/version.h"
#include "lisan/indexer/schema.h"

namespace lisan::internal {
namespace {

// Xapian's own files in a glass database folder; anything else there means
// the folder is not (only) an index.
bool is_index_file_name(const std::string& name) {
  return name == "iamglass" || name == "flintlock" || name.ends_with(".glass") ||
         name.ends_with(".tmp") || name.ends_with(".DB");
}

}  // namespace

// Refuses to create an index in a folder that holds other things (a wrong
// --db such as a documents folder): Xapian would write its files among them.
void check_index_folder(const std::string& db_path) {
  std::error_code error;
  if (!std::filesystem::exists(db_path, error)) return;
  if (!std::filesystem::is_directory(db_path, error)) {
    throw IndexError("index path " + db_path + " is a file, not an index folder");
  }
  std::filesystem::directory_iterator it(db_path, error);
  if (error) {
    throw IoError("cannot read index folder " + db_path + ": " + error.message());
  }
  for (; it != std::filesystem::directory_iterator(); it.increment(error)) {
    if (error) break;
    const std::string name = it->path().filename().string();
    if (!is_index_file_name(name)) {
      throw IndexError("folder " + db_path + " is not an index (it holds " + name +
                       "); give --db a new or empty folder, or check it with `xapian-check " +
                       db_path + "` if it was an index");
    }
  }
}

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
