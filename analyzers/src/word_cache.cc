#include "word_cache.h"

#include <algorithm>
#include <functional>
#include <limits>

namespace lisan::internal {

namespace {

constexpr std::size_t kInitialPositions = 1024;
// Table positions per entry at least: probes stay short at a load of a half.
constexpr std::size_t kPositionsPerEntry = 2;
// The arena's offsets are 32-bit (and kEmpty is not one); a cache this
// large is cleared instead.
constexpr std::size_t kMaxArenaBytes = std::numeric_limits<std::uint32_t>::max() / 2;

std::uint32_t tag_of(std::uint64_t hash) { return static_cast<std::uint32_t>(hash >> 32); }

}  // namespace

WordCache::WordCache(std::size_t max_entries)
    : max_entries_(max_entries), table_(kInitialPositions, Entry{0, kEmpty, 0, 0}) {}

std::uint64_t WordCache::hash_of(std::string_view key) {
  return std::hash<std::string_view>{}(key);
}

std::size_t WordCache::position_of(std::uint64_t hash, std::string_view key) const {
  const std::size_t mask = table_.size() - 1;
  const std::uint32_t tag = tag_of(hash);
  for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
    const Entry& entry = table_[at];
    if (entry.offset == kEmpty) return at;
    if (entry.hash == tag && std::string_view(arena_).substr(entry.offset, entry.key_size) == key) {
      return at;
    }
  }
}

std::string_view WordCache::value_of(const Entry& entry) const {
  return std::string_view(arena_).substr(entry.offset + entry.key_size, entry.value_size);
}

std::optional<std::string_view> WordCache::find(std::string_view key) const {
  const Entry& entry = table_[position_of(hash_of(key), key)];
  if (entry.offset == kEmpty) return std::nullopt;
  return value_of(entry);
}

std::string_view WordCache::insert(std::string_view key, std::string_view value) {
  // A key or value seen through an earlier answer points into the arena,
  // which the clear or the append below may overwrite or move.
  if (in_arena(key) || in_arena(value)) {
    const std::string own_key(key);
    const std::string own_value(value);
    return insert(own_key, own_value);
  }
  if (size_ >= max_entries_ || arena_.size() + key.size() + value.size() > kMaxArenaBytes) {
    clear();
  }
  if ((size_ + 1) * kPositionsPerEntry > table_.size()) grow();
  const std::uint64_t hash = hash_of(key);
  Entry& entry = table_[position_of(hash, key)];
  entry = Entry{.hash = tag_of(hash),
                .offset = static_cast<std::uint32_t>(arena_.size()),
                .key_size = static_cast<std::uint32_t>(key.size()),
                .value_size = static_cast<std::uint32_t>(value.size())};
  arena_.append(key).append(value);
  ++size_;
  return value_of(entry);
}

bool WordCache::in_arena(std::string_view text) const {
  const std::less<const char*> before;
  return !text.empty() && !before(text.data(), arena_.data()) &&
         before(text.data(), arena_.data() + arena_.size());
}

void WordCache::grow() {
  std::vector<Entry> old(table_.size() * 2, Entry{0, kEmpty, 0, 0});
  old.swap(table_);
  for (const Entry& entry : old) {
    if (entry.offset == kEmpty) continue;
    const std::string_view key = std::string_view(arena_).substr(entry.offset, entry.key_size);
    table_[position_of(hash_of(key), key)] = entry;
  }
}

void WordCache::clear() {
  // The table keeps its size: a full cache refills to the same size.
  std::fill(table_.begin(), table_.end(), Entry{0, kEmpty, 0, 0});
  size_ = 0;
  arena_.clear();
}

}  // namespace lisan::internal
