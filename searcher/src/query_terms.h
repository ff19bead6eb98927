// The index terms a query asked for, used to mark the words of a snippet
// and to list a hit's matched terms.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace lisan::internal {

// The query words a term stands for: bit i is the query's i-th word or
// phrase (a term of two words, such as a translation both share, has both
// bits). Words past the 64th share the last bit.
using WordMask = std::uint64_t;

// Calls visit(i) for each query word i in `words`.
template <typename Visit>
void for_each_word(WordMask words, Visit visit) {
  for (; words != 0; words &= words - 1) visit(static_cast<std::size_t>(std::countr_zero(words)));
}

class QueryTerms {
 public:
  using Terms = std::map<std::string, WordMask, std::less<>>;

  // The terms added from now on belong to the next query word.
  void begin_word() {
    current_ = WordMask{1} << next_bit_;
    if (next_bit_ < 63) ++next_bit_;
  }
  void add_exact(std::string term) { exact_[std::move(term)] |= current_; }
  void add_stem(std::string term) { stems_[std::move(term)] |= current_; }
  void add_name_key(std::string term) { name_keys_[std::move(term)] |= current_; }

  const Terms& exact() const { return exact_; }          // unprefixed normalized words
  const Terms& stems() const { return stems_; }          // prefixed stems (ZA…, ZI…, ZE…)
  const Terms& name_keys() const { return name_keys_; }  // prefixed keys (XKA…, XKL…)

  // Every query word that has a term: a passage holding them all is as good
  // as a passage gets.
  WordMask words() const {
    WordMask all = 0;
    for (const Terms* terms : {&exact_, &stems_, &name_keys_}) {
      for (const auto& [term, mask] : *terms) all |= mask;
    }
    return all;
  }

  std::vector<std::string> expansions;  // readable name keys and translations

 private:
  Terms exact_;
  Terms stems_;
  Terms name_keys_;
  WordMask current_ = 1;
  unsigned next_bit_ = 0;
};

}  // namespace lisan::internal
