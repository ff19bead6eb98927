#include "results_json.h"

#include <nlohmann/json.hpp>

namespace lisan::cli {
namespace {

std::string dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string snippet_html(const MarkedText& snippet) {
  std::string out;
  auto escape = [&out](std::string_view text) {
    for (char c : text) {
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&#39;";
          break;
        default:
          out += c;
      }
    }
  };
  std::size_t at = 0;
  const std::string_view text = snippet.text;
  for (const auto& [begin, end] : snippet.marks) {
    escape(text.substr(at, begin - at));
    out += "<b>";
    escape(text.substr(begin, end - begin));
    out += "</b>";
    at = end;
  }
  escape(text.substr(at));
  return out;
}

std::string search_results_json(const SearchResults& results, bool explain) {
  nlohmann::json hits = nlohmann::json::array();
  for (const Hit& hit : results.hits) {
    nlohmann::json h = {{"rank", hit.rank},
                        {"id", hit.id},
                        {"lang", hit.lang},
                        {"title", hit.title},
                        {"url", hit.url},
                        {"score", hit.score},
                        {"snippet", snippet_html(hit.snippet)}};
    if (explain) h["matched_terms"] = hit.matched_terms;
    hits.push_back(std::move(h));
  }
  nlohmann::json out = {{"query", results.query},
                        {"total", results.total},
                        {"estimated", results.estimated},
                        {"facets", {{"lang", results.language_facets}}},
                        {"results", hits}};
  if (!results.suggestion.empty()) out["suggestion"] = results.suggestion;
  if (explain && results.explanation) {
    const SearchExplanation& why = *results.explanation;
    out["xapian_query"] = why.query_description;
    out["expansions"] = why.expansions;
  }
  return dump(out);
}

std::string index_info_json(const IndexInfo& info) {
  return dump({{"documents", info.documents},
               {"languages", info.languages},
               {"terms", info.terms},
               {"schema_version", info.schema_version},
               {"analyzer", info.analyzer},
               {"analyzer_version", info.analyzer_version},
               {"created", info.created},
               {"last_commit", info.last_commit}});
}

}  // namespace lisan::cli
