// A corpus of damaged indexes: every way a test damages a small real index
// (files truncated, blocks zeroed or overwritten, bits flipped, files
// removed), listed from a seed so that each case can be named and redone.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lisan::testing {

struct Damage {
  enum class Kind { kRemove, kTruncate, kZeroBlock, kOverwriteBlock, kFlipBits };
  std::string file;  // a file of the index folder: "docdata.glass", "iamglass"…
  Kind kind = Kind::kRemove;
  std::uint64_t offset = 0;  // truncate: the new size; blocks: where the block starts
  std::uint64_t length = 0;  // blocks: its bytes; flips: how many bits
  std::uint32_t seed = 0;    // of the random bytes or bit positions

  // "docdata.glass: 3 bits flipped (seed 17)": enough to redo the case.
  std::string describe() const;
};

// Glass's default block size, the unit of the block damages.
inline constexpr std::uint64_t kGlassBlockBytes = 8192;

// Every damage of the files of the index folder `index` (the table files
// and the version file): each removed; truncated to nothing, to one block,
// to half and by one byte; each block zeroed and overwritten with random
// bytes; and `flips_per_file` cases of 1 to 8 bits flipped at random
// offsets. The same index and seed give the same list.
std::vector<Damage> damage_plan(const std::string& index, std::uint32_t seed, int flips_per_file);

// Applies `damage` to the index folder `index` (a copy: it is changed).
void apply_damage(const Damage& damage, const std::string& index);

// The bytes `damage` writes over its file, at Damage::offset, when it is
// one write (zeroed and overwritten blocks); empty for the other kinds.
std::string damage_bytes(const Damage& damage);

}  // namespace lisan::testing
