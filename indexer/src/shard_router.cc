// Which shard owns a document, and where the shards of an index live.
#include "shard_router.h"

#include <cstdint>
#include <filesystem>
#include <fstream>

#include "document_builder.h"
#include "lisan/analyzers/error.h"
#include "lisan/indexer/shards.h"

namespace lisan {
namespace {

// Xapian reads DIR/XAPIANDB when asked to open the folder DIR.
constexpr const char* kStubName = "XAPIANDB";

}  // namespace

std::size_t shard_of(std::string_view id, std::size_t shard_count) noexcept {
  return static_cast<std::size_t>(internal::content_hash(id) % shard_count);
}

std::vector<std::string> shard_paths(const std::string& db_path, std::size_t shard_count) {
  std::vector<std::string> paths;
  for (std::size_t k = 0; k < shard_count; ++k) {
    paths.push_back((std::filesystem::path(db_path) / ("shard-" + std::to_string(k))).string());
  }
  return paths;
}

std::size_t existing_shard_count(const std::string& db_path) {
  std::ifstream stub(std::filesystem::path(db_path) / kStubName);
  std::size_t count = 0;
  std::string line;
  while (std::getline(stub, line)) {
    if (line.starts_with("auto shard-")) ++count;
  }
  return count;
}

namespace internal {

void write_shard_stub(const std::string& db_path, std::size_t shard_count) {
  namespace fs = std::filesystem;
  const fs::path stub = fs::path(db_path) / kStubName;
  const fs::path temporary = fs::path(db_path) / (std::string(kStubName) + ".tmp");
  {
    std::ofstream out(temporary, std::ios::trunc);
    // Paths in a stub are relative to the stub's folder, so the index folder
    // can be moved or copied whole.
    for (std::size_t k = 0; k < shard_count; ++k) out << "auto shard-" << k << '\n';
    out.flush();
    if (!out) throw IoError("cannot write " + temporary.string());
  }
  // Renamed into place so that a reader never sees half a stub.
  std::error_code error;
  fs::rename(temporary, stub, error);
  if (error) throw IoError("cannot write " + stub.string() + ": " + error.message());
}

}  // namespace internal

}  // namespace lisan
