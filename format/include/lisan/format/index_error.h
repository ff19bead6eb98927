/// @file
/// The exception of an index that cannot be used, thrown by both the indexer
/// and the searcher.
///
/// Thread-safety: value types.
#pragma once

#include "lisan/analyzers/error.h"

namespace lisan {

/// The index cannot be used: missing, corrupt, locked by another writer, or
/// written by an incompatible schema or analyzer version.
class IndexError : public Error {
 public:
  using Error::Error;
};

}  // namespace lisan
