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

// A word's entry (its hash, and where its key and value are in one arena) is
// appended in the order words are first seen, so the frequent words, seen
// first, share a few cache lines; a small power-of-two table of entry numbers
// finds them, probing linearly. std::unordered_map took a 64-bit division and
// a load of a separately allocated node per lookup, most of the stem cache's
// time in the indexing profile (docs/PERFORMANCE.md). When full the cache is
// cleared, which keeps memory flat on huge corpora at the price of some
// misses.
class WordCache {
 public:
  // Requires: max_entries > 0.
  explicit WordCache(std::size_t max_entries);

  // The value cached for `key`. The view is valid until the next insert.
  std::optional<std::string_view> find(std::string_view key) const;

  // Caches `value` for `key`, which must not be cached yet, and returns the
  // cached copy (valid until the next insert).
  std::string_view insert(std::string_view key, std::string_view value);

  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::uint32_t hash;  // the high half of the word's hash: most misses end here
    std::uint32_t offset;
    std::uint32_t key_size;
    std::uint32_t value_size;
  };

  static std::uint64_t hash_of(std::string_view key);
  // The table position holding `key`'s entry, or the empty one where it goes.
  std::size_t position_of(std::uint64_t hash, std::string_view key) const;
  std::string_view value_of(const Entry& entry) const;
  bool in_arena(std::string_view text) const;
  void grow();
  void clear();

  std::size_t max_entries_;
  std::vector<std::uint32_t> table_;  // entry number + 1; 0: empty
  std::vector<Entry> entries_;
  std::string arena_;  // key then value, for each entry
};

}  // namespace lisan::internal
