// Reading one file given to the indexer: what kind of file it is, whether it
// fits the size limit, and its bytes (a binary file is told by its head and
// never read whole). Each step either gives what the next needs or says why
// the file is skipped; document_reader makes a document of the bytes.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "lisan/indexer/indexer.h"

namespace lisan::internal {

// Why a source is not indexed: the message for people, and the reason counted.
struct Skip {
  std::string message;
  SkipReason reason;
};

// What stat says of a regular file that is not too large.
struct FileFacts {
  std::uint64_t size = 0;
  std::int64_t mtime = 0;  // seconds since the epoch
};

// The facts of the file at `source`, or why it is skipped: it cannot be
// read (ELOOP: a symbolic link loop), is not a regular file, or is larger
// than `max_bytes`.
std::variant<FileFacts, Skip> examine_file(const std::string& source, std::uint64_t max_bytes);

// Why a file is skipped from its first bytes, if it is (check_head of
// document_reader.h).
using HeadCheck = std::function<std::optional<Skip>(std::string_view head)>;

// The `size` bytes of the file at `source`: the first 64 KiB first, so that
// a binary file (an image, a disk image of 1 GB) is told by them
// (`check_head`, called only when there is more to read) and skipped
// without reading or holding the rest.
std::variant<std::string, Skip> read_file_bytes(const std::string& source, std::uint64_t size,
                                                const HeadCheck& check_head);

}  // namespace lisan::internal
