// libFuzzer target: arbitrary bytes as a query, searched as `lisan search`
// searches (parse, analyse, expand, match, snippets, explain) on a small
// index of the three languages written once, whose documents have fields
// (keyword, number, date, text: filters, ranges and text-field words; every
// input is also counted by facets, and odd-sized ones sorted by a field). Either results come out —
// at most the page asked for, each snippet's marks sorted, disjoint and inside its text — or a
// QueryError with an offset inside the query; anything else (a crash, a sanitizer report, another
// exception, an offset past the end) is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>

#include "lisan/indexer/indexer.h"
#include "lisan/searcher/searcher.h"
#include "scratch_folder.h"

namespace {

void add(lisan::Indexer& indexer, const char* id, const char* title, const char* text,
         lisan::FieldValues fields) {
  lisan::SourceDocument doc;
  doc.id = id;
  doc.title = title;
  doc.text = text;
  doc.fields = std::move(fields);
  indexer.add_document(doc);
}

std::string make_index(const lisan::fuzz::ScratchFolder& scratch) {
  const std::string db = (scratch.path() / "index").string();
  lisan::IndexOptions options;
  options.schema = lisan::FieldSchema::parse(
      R"({"fields": {"source": "keyword", "date": "date", "price": "number", "author": "text"}})");
  lisan::Indexer indexer(db, options);
  add(indexer, "en", "Kazakhstan joins the Abraham Accords",
      "President Tokayev said in Washington that Kazakhstan would join the accords.",
      {{"source", {"a", "b"}}, {"date", {"2025-11-06"}}, {"price", {"10"}}, {"author", {"Ann"}}});
  add(indexer, "id", "Kazakhstan bergabung",
      "Presiden Tokayev mengatakan di Washington bahwa Kazakhstan akan bergabung.",
      {{"source", {"b"}}, {"date", {"2024-01-01T10:00:00Z"}}});
  add(indexer, "ar", "كازاخستان تنضم إلى اتفاقات أبراهام",
      "قال الرئيس توكاييف في واشنطن إن كازاخستان ستنضم إلى الاتفاقات.", {});
  indexer.finish();
  return db;
}

lisan::Searcher& searcher() {
  static lisan::fuzz::ScratchFolder scratch("lisan-query-fuzz");
  static lisan::Searcher instance({make_index(scratch)});
  return instance;
}

void check_marks(const lisan::MarkedText& snippet) {
  std::size_t end = 0;
  for (const auto& [from, to] : snippet.marks) {
    if (from < end || to <= from || to > snippet.text.size()) std::abort();
    end = to;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  lisan::SearchOptions options;
  options.limit = 3;
  options.explain = true;
  options.facets = {"source", "date:year"};
  if (size % 2 == 1) options.sort = lisan::SortOrder{"date", true};
  try {
    const lisan::SearchResults results = searcher().search(query, options);
    if (results.hits.size() > options.limit) std::abort();
    for (const lisan::Hit& hit : results.hits) check_marks(hit.snippet);
  } catch (const lisan::QueryError& e) {
    if (e.offset() > query.size()) std::abort();
  }
  return 0;
}
