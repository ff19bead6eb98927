// A bounded word → string map for the per-thread caches of the analysis hot
// path (stems, name keys).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lisan::internal {

// Open addressing with each word's entry (its hash, and where its key and
// value are in one arena) in the table itself, probing linearly: a lookup
// reads one table line and the arena, where std::unordered_map took a 64-bit
// division and a load of a separately allocated node, and a table of entry
// numbers one more dependent load (most of the caches' time in the indexing
// profile, docs/PERFORMANCE.md). When full the cache is cleared, which keeps
// memory flat on huge corpora at the price of some misses.
class WordCache {
 public:
  // Requires: max_entries > 0.
  explicit WordCache(std::size_t max_entries);

  // The value cached for `key`. The view is valid until the next insert.
  std::optional<std::string_view> find(std::string_view key) const;

  // Caches `value` for `key`, which must not be cached yet, and returns the
  // cached copy (valid until the next insert).
  std::string_view insert(std::string_view key, std::string_view value);

  std::size_t size() const { return size_; }

 private:
  struct Entry {
    std::uint32_t hash;    // the high half of the word's hash: most misses end here
    std::uint32_t offset;  // kEmpty: a free slot
    std::uint32_t key_size;
    std::uint32_t value_size;
  };
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFF;

  static std::uint64_t hash_of(std::string_view key);
  // The table position holding `key`'s entry, or the free one where it goes.
  std::size_t position_of(std::uint64_t hash, std::string_view key) const;
  std::string_view value_of(const Entry& entry) const;
  bool in_arena(std::string_view text) const;
  void grow();
  void clear();

  std::size_t max_entries_;
  std::size_t size_ = 0;      // entries in the table
  std::vector<Entry> table_;  // a power of two long
  std::string arena_;         // key then value, for each entry
};

}  // namespace lisan::internal
