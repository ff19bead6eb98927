/// @file
/// The exceptions lisan's libraries throw, by what the caller can do about them.
/// Errors of Xapian and ICU are translated into these at the library boundary;
/// callers never need to catch a Xapian or ICU type.
///
/// Thread-safety: value types.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace lisan {

/// The base of every exception lisan's libraries throw; what() says what
/// went wrong and names the file, index or query concerned.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The caller passed something unusable (an unknown language code, bad options).
class InvalidArgument : public Error {
 public:
  using Error::Error;
};

/// A file or folder could not be read or written; the message names the path.
class IoError : public Error {
 public:
  using Error::Error;
};

/// The index cannot be used: missing, corrupt, locked by another writer, or
/// written by an incompatible schema or analyzer version.
class IndexError : public Error {
 public:
  using Error::Error;
};

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

}  // namespace lisan
