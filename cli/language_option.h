// Parsing --lang values for every subcommand the same way.
#pragma once

#include <optional>
#include <string>

#include "lisan/analyzers/error.h"
#include "lisan/analyzers/language.h"

namespace lisan::cli {

// Empty string: no language given. Throws InvalidArgument for unknown codes.
inline std::optional<Language> language_option(const std::string& code) {
  if (code.empty()) return std::nullopt;
  std::optional<Language> lang = parse_language(code);
  if (!lang) throw InvalidArgument("--lang must be ar, id, en or und, not \"" + code + "\"");
  return lang;
}

}  // namespace lisan::cli
