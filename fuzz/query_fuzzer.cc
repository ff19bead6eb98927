// libFuzzer target: the query parser and builder on arbitrary bytes. Either
// a tree comes out (and builds into a Xapian query) or a QueryError with an
// offset inside the query; anything else — a crash, another exception, an
// offset past the end — is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "lisan/analyzers/error.h"
#include "lisan/searcher/errors.h"
#include "query_builder.h"
#include "query_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  static lisan::AnalysisContext analysis;
  try {
    const lisan::internal::QueryNode tree = lisan::internal::parse_query(query);
    (void)lisan::internal::describe(tree);
    lisan::internal::QueryTerms terms;
    std::vector<lisan::internal::QueryWord> words;
    lisan::internal::QueryBuilder builder(analysis, lisan::internal::FormWeights{});
    (void)builder.build(tree, terms, words).get_description();
    for (const auto& word : words) {
      if (word.offset + word.length > query.size()) std::abort();
    }
  } catch (const lisan::QueryError& e) {
    if (e.offset() > query.size()) std::abort();
  }
  return 0;
}
