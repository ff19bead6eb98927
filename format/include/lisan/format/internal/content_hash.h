// The content fingerprint of lisan's index format: change detection, the
// hashed id terms of long ids, and shard routing all use it, so it must
// never change for an existing index.
//
// Internal to lisan's libraries: not part of the API, not installed.
#pragma once

#include <cstdint>
#include <string_view>

namespace lisan::internal {

// FNV-1a, 64 bits: a fast content fingerprint for "did this file change?"
// (not a security hash; a collision only makes one update look unchanged).
// Pass the hash of what came before as `so_far` to go on hashing: the result
// is the hash of the concatenation, without making it.
inline constexpr std::uint64_t kContentHashStart = 0xcbf29ce484222325ull;
std::uint64_t content_hash(std::string_view bytes,
                           std::uint64_t so_far = kContentHashStart) noexcept;

}  // namespace lisan::internal
