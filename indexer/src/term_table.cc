#include "term_table.h"

#include <algorithm>
#include <functional>

namespace lisan::internal {
namespace {

constexpr std::size_t kInitialSlots = 1024;  // a power of two

std::size_t hash_of(std::string_view text) noexcept { return std::hash<std::string_view>{}(text); }

}  // namespace

void TermTable::clear() noexcept {
  chars_.clear();
  entries_.clear();
  occurrences_.clear();
  std::fill(slots_.begin(), slots_.end(), 0u);
}

void TermTable::add_posting(std::string_view prefix, std::string_view term,
                            std::uint32_t position) {
  key_.assign(prefix).append(term);
  const std::uint32_t entry = find_or_insert();
  ++entries_[entry].wdf;
  ++entries_[entry].positions;
  occurrences_.push_back({entry, position});
}

void TermTable::add_term(std::string_view prefix, std::string_view term) {
  key_.assign(prefix).append(term);
  ++entries_[find_or_insert()].wdf;
}

std::uint32_t TermTable::find_or_insert() {
  // Half full at most, so that probe runs stay short.
  if (slots_.empty() || 2 * (entries_.size() + 1) > slots_.size()) grow_slots();
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t slot = hash_of(key_) & mask;; slot = (slot + 1) & mask) {
    const std::uint32_t held = slots_[slot];
    if (held == 0) {
      const auto entry = static_cast<std::uint32_t>(entries_.size());
      entries_.push_back({static_cast<std::uint32_t>(chars_.size()),
                          static_cast<std::uint32_t>(key_.size()), 0, 0});
      chars_.append(key_);
      slots_[slot] = entry + 1;
      return entry;
    }
    if (text(entries_[held - 1]) == key_) return held - 1;
  }
}

void TermTable::grow_slots() {
  slots_.assign(std::max(kInitialSlots, 2 * slots_.size()), 0u);
  const std::size_t mask = slots_.size() - 1;
  for (std::uint32_t entry = 0; entry < entries_.size(); ++entry) {
    std::size_t slot = hash_of(text(entries_[entry])) & mask;
    while (slots_[slot] != 0) slot = (slot + 1) & mask;
    slots_[slot] = entry + 1;
  }
}

void TermTable::write_to(Xapian::Document& doc) {
  // Gather each entry's positions side by side (a counting sort by entry,
  // stable, so each term's positions stay in the order they came).
  first_position_.resize(entries_.size() + 1);
  std::uint32_t total = 0;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    first_position_[i] = total;
    total += entries_[i].positions;
  }
  first_position_[entries_.size()] = total;
  positions_.resize(total);
  for (const Occurrence& occurrence : occurrences_) {
    positions_[first_position_[occurrence.entry]++] = occurrence.position;
  }
  // first_position_[i] now marks the end of entry i's positions.
  std::uint32_t begin = 0;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const Entry& entry = entries_[i];
    const std::uint32_t end = first_position_[i];
    term_.assign(text(entry));
    for (std::uint32_t p = begin; p < end; ++p) doc.add_posting(term_, positions_[p]);
    if (entry.wdf > entry.positions) doc.add_term(term_, entry.wdf - entry.positions);
    begin = end;
  }
}

}  // namespace lisan::internal
