/// @file
/// The base of the exceptions lisan's libraries throw, and those every library may throw.
/// IndexError (lisan/format/index_error.h) and QueryError (lisan/searcher/errors.h) live
/// with the libraries whose failures they report.
/// Errors of Xapian and ICU are translated into these at the library boundary;
/// callers never need to catch a Xapian or ICU type.
///
/// Thread-safety: value types.
#pragma once

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

}  // namespace lisan
