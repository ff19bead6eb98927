// The JSON that `lisan search --json`, `lisan info --json` and `lisan serve`
// print, written in one place so that the program and the HTTP server can
// never drift apart.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "lisan/searcher/searcher.h"

namespace lisan::cli {

// A snippet as HTML: <b>…</b> around the marked words, the rest escaped, so
// that it can be shown in a page as it is.
std::string snippet_html(const MarkedText& snippet);

// {"query", "total", "estimated", "facets": {"lang": {...}}, "results": [{"rank", "id",
// "lang", "title", "url", "score", "snippet"}]}, one line, no newline; with
// `explain`, also "xapian_query" and each hit's "matched_terms". Ill-formed
// UTF-8 is replaced by U+FFFD, never an error.
// With fields: each hit's "fields" ({"source": "aljazeera", "tags": ["a",
// "b"], "price": 12.5}: a number as a JSON number, a list of several values
// as an array, typed by `schema`), and "facets" holds each field facet asked
// for as [{"value", "count"}, …] ("estimated_facets" names those estimated).
std::string search_results_json(const SearchResults& results, bool explain,
                                const FieldSchema& schema = FieldSchema());

// {"documents", "languages", "terms", "schema_version", "analyzer",
// "analyzer_version", "created", "last_commit", "fields": {"name": "type"}},
// one line, no newline.
std::string index_info_json(const IndexInfo& info);

}  // namespace lisan::cli
