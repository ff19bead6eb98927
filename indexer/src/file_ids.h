// The ids of files of one run, by input. A file's id is its path relative to
// the input (folder) given, so two inputs can yield one id (`a/notes.txt`
// and `b/notes.txt` given as `a/` and `b/`): the first input keeps the id and
// the others' files are reported, so that no run replaces one file's
// document by another's and every re-run does the same.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "document_builder.h"

namespace lisan::internal {

class FileIds {
 public:
  // Starts the ids of the next input, named `name` in messages.
  void begin_input(std::string name) {
    if (!inputs_.empty()) std::sort(inputs_.back().ids.begin(), inputs_.back().ids.end());
    inputs_.push_back(Input{std::move(name), {}});
  }

  // The earlier input whose files include `id`, or nullptr: then `id` is the
  // current input's. Ids are kept as 64-bit hashes (8 bytes a file).
  // Requires: begin_input() was called.
  const std::string* claim(std::string_view id) {
    const std::uint64_t hash = content_hash(id);
    for (auto input = inputs_.begin(); input + 1 < inputs_.end(); ++input) {
      if (std::binary_search(input->ids.begin(), input->ids.end(), hash)) return &input->name;
    }
    inputs_.back().ids.push_back(hash);
    return nullptr;
  }

 private:
  struct Input {
    std::string name;
    std::vector<std::uint64_t> ids;  // sorted once the next input begins
  };
  std::vector<Input> inputs_;
};

}  // namespace lisan::internal
