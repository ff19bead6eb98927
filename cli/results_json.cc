#include "results_json.h"

#include <nlohmann/json.hpp>

namespace lisan::cli {
namespace {

std::string dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A field's values as JSON: one value as a scalar (a number field's as a
// number), several as an array of them.
nlohmann::json field_json(const FieldSpec* field, const std::vector<std::string>& values) {
  auto one = [field](const std::string& value) -> nlohmann::json {
    if (field != nullptr && field->type == FieldType::kNumber) {
      if (std::optional<double> number = parse_field_number(value)) return *number;
    }
    return value;
  };
  if (values.size() == 1) return one(values.front());
  nlohmann::json list = nlohmann::json::array();
  for (const std::string& value : values) list.push_back(one(value));
  return list;
}

nlohmann::json fields_json(const FieldValues& fields, const FieldSchema& schema) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, values] : fields) out[name] = field_json(schema.find(name), values);
  return out;
}

// Each field facet into `facets`; the names of the estimated ones.
nlohmann::json add_field_facets(const std::vector<FieldFacet>& field_facets,
                                nlohmann::json& facets) {
  nlohmann::json estimated = nlohmann::json::array();
  for (const FieldFacet& facet : field_facets) {
    nlohmann::json values = nlohmann::json::array();
    for (const FacetValue& value : facet.values) {
      values.push_back({{"value", value.value}, {"count", value.count}});
    }
    facets[facet.field] = std::move(values);
    if (facet.estimated) estimated.push_back(facet.field);
  }
  return estimated;
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

std::string search_results_json(const SearchResults& results, bool explain,
                                const FieldSchema& schema) {
  nlohmann::json hits = nlohmann::json::array();
  for (const Hit& hit : results.hits) {
    nlohmann::json h = {{"rank", hit.rank},
                        {"id", hit.id},
                        {"lang", hit.lang},
                        {"title", hit.title},
                        {"url", hit.url},
                        {"score", hit.score},
                        {"snippet", snippet_html(hit.snippet)}};
    if (!hit.fields.empty()) h["fields"] = fields_json(hit.fields, schema);
    if (explain) h["matched_terms"] = hit.matched_terms;
    hits.push_back(std::move(h));
  }
  nlohmann::json out = {{"query", results.query},
                        {"total", results.total},
                        {"estimated", results.estimated},
                        {"facets", {{"lang", results.language_facets}}},
                        {"results", hits}};
  if (nlohmann::json estimated = add_field_facets(results.facets, out["facets"]);
      !estimated.empty()) {
    out["estimated_facets"] = std::move(estimated);
  }
  if (!results.suggestion.empty()) out["suggestion"] = results.suggestion;
  if (explain && results.explanation) {
    const SearchExplanation& why = *results.explanation;
    out["xapian_query"] = why.query_description;
    out["expansions"] = why.expansions;
  }
  return dump(out);
}

std::string index_info_json(const IndexInfo& info) {
  nlohmann::json fields = nlohmann::json::object();
  for (const FieldSpec& field : info.fields)
    fields[field.name] = std::string(field_type_name(field.type));
  return dump({{"fields", fields},
               {"documents", info.documents},
               {"languages", info.languages},
               {"terms", info.terms},
               {"schema_version", info.schema_version},
               {"analyzer", info.analyzer},
               {"analyzer_version", info.analyzer_version},
               {"created", info.created},
               {"last_commit", info.last_commit}});
}

}  // namespace lisan::cli
