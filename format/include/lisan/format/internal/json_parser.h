// The per-thread simdjson parser of the JSONL reader and the stored data.
#pragma once

#include <simdjson.h>

#include <cstddef>

namespace lisan::internal {

// A parser keeps buffers as large as the largest input it has parsed; a
// thread that once read a 50 MB document would hold about three times that.
// Past this capacity the parser is replaced after use.
inline constexpr std::size_t kKeptJsonParserCapacity = 4U << 20;

// This thread's parser. What it parsed is valid until release_large_json_parser
// or the next parse.
inline simdjson::dom::parser& thread_json_parser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

// Frees this thread's parser's buffers when they have grown large.
inline void release_large_json_parser() {
  simdjson::dom::parser& parser = thread_json_parser();
  if (parser.capacity() > kKeptJsonParserCapacity) parser = simdjson::dom::parser{};
}

}  // namespace lisan::internal
