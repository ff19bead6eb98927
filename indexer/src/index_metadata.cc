#include "index_metadata.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <vector>

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

// Removes what a Xapian database creation killed half-way left behind.
// Xapian creates the tables, then writes the version file (`iamglass`) via
// `v.tmp` and a rename: a kill before the rename leaves a folder that no
// longer opens and that DB_CREATE_OR_OPEN refuses to create over. Nothing was
// ever committed there, so nothing is lost. Requires: no `iamglass`.
void remove_interrupted_creation(const std::string& db_path,
                                 const std::vector<std::string>& names) {
  // Xapian's writer holds an fcntl lock on `flintlock` (OFD and classic
  // record locks conflict): if it is taken, a creation is under way.
  const std::string lock_path = db_path + "/flintlock";
  const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw IoError("cannot open " + lock_path + ": " + std::strerror(errno));
  struct flock lock {};
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  const bool locked = ::fcntl(fd, F_OFD_SETLK, &lock) == 0;
  if (locked) {
    for (const std::string& name : names) {
      std::error_code error;
      if (name != "flintlock") std::filesystem::remove(db_path + "/" + name, error);
    }
  }
  ::close(fd);  // releases the lock
  if (!locked) {
    throw IndexError("index " + db_path +
                     " is locked by another process (another `lisan index` "
                     "is creating it); wait for it to finish");
  }
}

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
  std::vector<std::string> names;
  for (; it != std::filesystem::directory_iterator(); it.increment(error)) {
    if (error) break;
    const std::string name = it->path().filename().string();
    if (!is_index_file_name(name)) {
      throw IndexError("folder " + db_path + " is not an index (it holds " + name +
                       "); give --db a new or empty folder, or check it with `xapian-check " +
                       db_path + "` if it was an index");
    }
    names.push_back(name);
  }
  const bool created = std::find(names.begin(), names.end(), "iamglass") != names.end();
  if (!created && !names.empty()) remove_interrupted_creation(db_path, names);
}

bool is_interrupted_creation(const std::string& db_path) {
  std::error_code error;
  std::filesystem::directory_iterator it(db_path, error);
  if (error) return false;
  bool any = false;
  for (; it != std::filesystem::directory_iterator(); it.increment(error)) {
    if (error) return false;
    const std::string name = it->path().filename().string();
    if (name == "iamglass" || !is_index_file_name(name)) return false;
    any = true;
  }
  return any;
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
