// Text from files and indexes (file names, ids, titles, snippets) shown on a
// terminal: a name may hold a newline, an escape sequence or bytes that are
// not UTF-8, and must not forge a line, recolour the terminal or reorder
// what follows it.
#pragma once

#include <string>
#include <string_view>

namespace lisan::cli {

// `text` with control characters (C0, DEL, C1) written as \n, \r, \t or
// \xHH, bytes that are not UTF-8 as \xHH, bidirectional overrides and
// isolates as \u{HHHH}, so that every name shows as one line in its own
// order. Well-formed printable UTF-8 is kept as it is.
std::string terminal_safe(std::string_view text);

}  // namespace lisan::cli
