// A QueryError whose offset is also counted in code points of the query, as
// Python indexes a str; made by Searcher.search, which has the query.
#pragma once

#include <cstddef>
#include <string>

#include "lisan/searcher/errors.h"

namespace lisan::python {

struct QueryErrorInPython : QueryError {
  QueryErrorInPython(const std::string& message, std::size_t code_points, std::size_t bytes)
      : QueryError(message, bytes), offset(code_points), byte_offset(bytes) {}
  std::size_t offset;       // in code points
  std::size_t byte_offset;  // in UTF-8 bytes
};

}  // namespace lisan::python
