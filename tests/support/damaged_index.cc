#include "support/damaged_index.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

namespace lisan::testing {
namespace fs = std::filesystem;
namespace {

bool is_damaged_file(const std::string& name) {
  return name == "iamglass" || (name.size() > 6 && name.ends_with(".glass"));
}

std::vector<std::string> index_files(const std::string& index) {
  std::vector<std::string> names;
  for (const fs::directory_entry& entry : fs::directory_iterator(index)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && is_damaged_file(name)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());  // the plan must not depend on the listing order
  return names;
}

void add_truncations(const std::string& file, std::uint64_t size, std::vector<Damage>& plan) {
  std::vector<std::uint64_t> sizes = {0, size / 2, size - 1};
  if (size > kGlassBlockBytes) sizes.push_back(kGlassBlockBytes);
  std::sort(sizes.begin(), sizes.end());
  sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
  for (std::uint64_t new_size : sizes) {
    if (new_size < size) plan.push_back({file, Damage::Kind::kTruncate, new_size, 0, 0});
  }
}

void add_block_damages(const std::string& file, std::uint64_t size, std::mt19937& random,
                       std::vector<Damage>& plan) {
  for (std::uint64_t start = 0; start < size; start += kGlassBlockBytes) {
    const std::uint64_t length = std::min(kGlassBlockBytes, size - start);
    plan.push_back({file, Damage::Kind::kZeroBlock, start, length, 0});
    plan.push_back(
        {file, Damage::Kind::kOverwriteBlock, start, length, static_cast<std::uint32_t>(random())});
  }
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_all(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace

std::string Damage::describe() const {
  switch (kind) {
    case Kind::kRemove:
      return file + ": removed";
    case Kind::kTruncate:
      return file + ": truncated to " + std::to_string(offset) + " bytes";
    case Kind::kZeroBlock:
      return file + ": block at " + std::to_string(offset) + " zeroed";
    case Kind::kOverwriteBlock:
      return file + ": block at " + std::to_string(offset) + " overwritten (seed " +
             std::to_string(seed) + ")";
    case Kind::kFlipBits:
      return file + ": " + std::to_string(length) + " bit(s) flipped (seed " +
             std::to_string(seed) + ")";
  }
  return file;
}

std::vector<Damage> damage_plan(const std::string& index, std::uint32_t seed, int flips_per_file) {
  std::mt19937 random(seed);
  std::vector<Damage> plan;
  for (const std::string& file : index_files(index)) {
    const std::uint64_t size = fs::file_size(fs::path(index) / file);
    plan.push_back({file, Damage::Kind::kRemove, 0, 0, 0});
    add_truncations(file, size, plan);
    add_block_damages(file, size, random, plan);
    for (int i = 0; i < flips_per_file && size > 0; ++i) {
      const auto bits = static_cast<std::uint64_t>(1 + random() % 8);
      plan.push_back(
          {file, Damage::Kind::kFlipBits, 0, bits, static_cast<std::uint32_t>(random())});
    }
  }
  return plan;
}

std::string damage_bytes(const Damage& damage) {
  if (damage.kind == Damage::Kind::kZeroBlock) return std::string(damage.length, '\0');
  if (damage.kind != Damage::Kind::kOverwriteBlock) return {};
  std::mt19937 random(damage.seed);
  std::string bytes(damage.length, '\0');
  for (char& c : bytes) c = static_cast<char>(random());
  return bytes;
}

void apply_damage(const Damage& damage, const std::string& index) {
  const std::string path = (fs::path(index) / damage.file).string();
  switch (damage.kind) {
    case Damage::Kind::kRemove:
      fs::remove(path);
      return;
    case Damage::Kind::kTruncate:
      fs::resize_file(path, damage.offset);
      return;
    case Damage::Kind::kZeroBlock:
    case Damage::Kind::kOverwriteBlock: {
      std::string bytes = read_all(path);
      const std::string block = damage_bytes(damage);
      bytes.replace(damage.offset, block.size(), block);
      write_all(path, bytes);
      return;
    }
    case Damage::Kind::kFlipBits: {
      std::string bytes = read_all(path);
      std::mt19937 random(damage.seed);
      for (std::uint64_t i = 0; i < damage.length && !bytes.empty(); ++i) {
        const std::size_t at = random() % bytes.size();
        bytes[at] = static_cast<char>(bytes[at] ^ (1 << (random() % 8)));
      }
      write_all(path, bytes);
      return;
    }
  }
}

}  // namespace lisan::testing
