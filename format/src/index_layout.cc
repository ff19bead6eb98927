#include "lisan/format/internal/index_layout.h"

#include <filesystem>

namespace lisan::internal {

bool is_interrupted_creation(const std::string& db_path) {
  namespace fs = std::filesystem;
  std::error_code error;
  return fs::exists(fs::path(db_path) / kCreationMarker, error) &&
         !fs::exists(fs::path(db_path) / kVersionFile, error);
}

}  // namespace lisan::internal
