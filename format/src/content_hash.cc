#include "lisan/format/internal/content_hash.h"

namespace lisan::internal {

std::uint64_t content_hash(std::string_view bytes, std::uint64_t so_far) noexcept {
  std::uint64_t hash = so_far;
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

}  // namespace lisan::internal
