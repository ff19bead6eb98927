// One document's terms, gathered before they go into a Xapian::Document:
// each distinct term once, with its wdf and (for positional terms) its
// positions in order.
//
// Why: Xapian::Document keeps its terms in a std::map<std::string, …>, so
// calling add_term / add_posting per token costs a tree search (and, for a
// new term, a node, a string and a position vector) per token. Most tokens
// repeat a term the document already has; here a repeat is one hash probe in
// flat arrays, and Xapian sees every stem and name key once, with its wdf.
// The arrays keep their capacity from one document to the next, so a warm
// table allocates nothing per token.
//
// Not thread-safe: one table per builder (per thread).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lisan::internal {

class TermTable {
 public:
  // Forgets every term (keeping the memory for the next document).
  void clear() noexcept;

  // One occurrence of `prefix` + `term` at word position `position` (≥ 1).
  void add_posting(std::string_view prefix, std::string_view term, std::uint32_t position);

  // One occurrence of `prefix` + `term` without a position.
  void add_term(std::string_view prefix, std::string_view term);

  // Distinct terms so far.
  std::size_t size() const noexcept { return entries_.size(); }

  // Adds every term to `doc`, each with its wdf and its positions in the
  // order they were added (ascending, as Xapian appends them cheapest).
  // `doc` ends up with the terms, wdfs and positions it would have had if
  // each occurrence had been added to it directly. The table is unchanged.
  void write_to(Xapian::Document& doc);

 private:
  struct Entry {
    std::uint32_t text_begin = 0;  // in chars_
    std::uint32_t text_size = 0;
    std::uint32_t wdf = 0;
    std::uint32_t positions = 0;  // how many of the wdf occurrences have one
  };
  struct Occurrence {
    std::uint32_t entry = 0;
    std::uint32_t position = 0;
  };

  // The entry of the term in key_, created with wdf 0 when new.
  std::uint32_t find_or_insert();
  std::string_view text(const Entry& entry) const noexcept {
    return std::string_view(chars_).substr(entry.text_begin, entry.text_size);
  }
  void grow_slots();

  std::string key_;                      // prefix + term being looked up
  std::string chars_;                    // the text of every entry, back to back
  std::vector<Entry> entries_;           // in order of first occurrence
  std::vector<std::uint32_t> slots_;     // open addressing: entry index + 1, 0 = empty
  std::vector<Occurrence> occurrences_;  // positional occurrences, in the order added
  // Scratch space of write_to.
  std::vector<std::uint32_t> first_position_;
  std::vector<std::uint32_t> positions_;
  std::string term_;
};

}  // namespace lisan::internal
