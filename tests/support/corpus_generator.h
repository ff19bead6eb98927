// Generated folders of text documents for tests that need more input than
// the seed corpus: deterministic for a seed, in Arabic, Indonesian and English.
#pragma once

#include <cstdint>
#include <string>

namespace lisan::testing {

struct GeneratedCorpus {
  int files = 0;            // documents written (all indexable)
  std::uint64_t bytes = 0;  // their total size
};

// Writes `files` text files (a title line, some paragraphs, sometimes a URL
// line) into sub-folders of `folder`. The same seed gives the same files.
GeneratedCorpus generate_corpus(const std::string& folder, int files, std::uint32_t seed);

}  // namespace lisan::testing
