// libFuzzer target: the cross-script name key on arbitrary words. Keys are
// empty or lowercase ASCII letters of at least kMinShortNameKeyLength (a
// short skeleton's key carries its vowel marks), and the
// same word always gives the same key (the per-thread cache must agree with
// a fresh computation).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "lisan/analyzers/name_key.h"
#include "lisan/analyzers/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // name_key requires well-formed UTF-8, as the analyzer always gives it.
  const std::string word =
      lisan::repair_utf8(std::string_view(reinterpret_cast<const char*>(data), size));
  const std::string key = lisan::name_key(word);
  if (!key.empty() && key.size() < lisan::kMinShortNameKeyLength) std::abort();
  for (char c : key) {
    if (c < 'a' || c > 'z') std::abort();
  }
  if (lisan::name_key(word) != key) std::abort();
  return 0;
}
