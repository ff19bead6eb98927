// libFuzzer target: the analyzer and the language detector on arbitrary bytes.
// The first byte picks the language; the rest is the text. Every token must
// keep the stream invariants; a violation aborts, which libFuzzer reports.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "lisan/analyzers/analyzer.h"
#include "lisan/analyzers/language_detector.h"
#include "lisan/analyzers/utf8.h"

namespace {

void check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static lisan::AnalysisContext context;  // reused, as in real use: catches stale state
  const auto lang = static_cast<lisan::Language>(data[0] % 4);
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  (void)lisan::detect_language(text);
  lisan::TokenStream tokens = context.analyze(text, lang);
  std::uint32_t last_end = 0;
  std::uint32_t last_position = 0;
  while (const lisan::Token* token = tokens.next()) {
    check(!token->term.empty() && !token->stem.empty());
    check(token->term.size() <= lisan::kMaxTermBytes);
    check(lisan::count_invalid_utf8(token->term) == 0);
    check(lisan::count_invalid_utf8(token->stem) == 0);
    check(token->begin < token->end && token->end <= text.size());
    check(token->begin >= last_end);
    check(token->position == last_position + 1);
    last_end = token->end;
    last_position = token->position;
  }
  const std::string repaired = lisan::repair_utf8(text);
  check(lisan::count_invalid_utf8(repaired) == 0);
  return 0;
}
