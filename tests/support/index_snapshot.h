// The observable state of an index, to compare two indexes for equality:
// documents by id (data, terms with wdf and position counts, values) and
// the collection's term statistics. Docids are left out: they are storage.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace lisan::testing {

struct IndexSnapshot {
  std::uint64_t documents = 0;
  std::uint64_t total_length = 0;
  // id → document data, "term:wdf:positions" entries, "slot=value" entries.
  std::map<std::string, std::tuple<std::string, std::vector<std::string>, std::vector<std::string>>>
      by_id;
  // term → (documents containing it, total occurrences).
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> term_stats;

  bool operator==(const IndexSnapshot&) const = default;
};

// Reads the whole index at `path` (throws Xapian errors as they come).
IndexSnapshot snapshot_index(const std::string& path);

// Document count of the index at `path`; -1 when it cannot be opened.
long long document_count(const std::string& path);

}  // namespace lisan::testing
