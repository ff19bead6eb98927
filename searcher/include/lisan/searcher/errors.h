/// @file
/// The exceptions of searching: a query that cannot be understood, and a
/// search that ran past its time limit.
///
/// Thread-safety: value types.
#pragma once

#include <cstddef>
#include <string>

#include "lisan/analyzers/error.h"

namespace lisan {

/// A query the parser refuses; offset() is the byte offset of the problem.
class QueryError : public Error {
 public:
  /// @param message what is wrong, for people
  /// @param offset byte offset into the query where the problem is
  QueryError(const std::string& message, std::size_t offset) : Error(message), offset_(offset) {}
  /// Byte offset into the query of the problem (for a caret under it).
  std::size_t offset() const noexcept { return offset_; }

 private:
  std::size_t offset_;
};

/// Thrown by Searcher::search() when SearchOptions::time_limit has passed.
class TimeLimitExceeded : public Error {
 public:
  using Error::Error;
};

}  // namespace lisan
