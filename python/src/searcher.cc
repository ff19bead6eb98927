// lisan.Searcher: the C++ Searcher with Python options and results. The GIL
// is released during a search, so Searchers in several threads run at once.
#include "lisan/searcher/searcher.h"

#include <pybind11/chrono.h>
#include <pybind11/stl.h>

#include <cmath>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "bindings.h"
#include "query_error_in_python.h"
#include "search_options_from_python.h"

namespace lisan::python {

namespace {

// Snippet marks are byte ranges of the UTF-8 passage in C++; in Python they
// index the str, so that text[begin:end] is the marked word.
void marks_in_code_points(MarkedText& snippet) {
  const std::string_view text = snippet.text;
  for (auto& [begin, end] : snippet.marks) {
    const std::size_t length = code_point_offset(text.substr(begin), end - begin);
    begin = code_point_offset(text, begin);
    end = begin + length;
  }
}

class PySearcher {
 public:
  explicit PySearcher(const std::vector<std::string>& paths) {
    py::gil_scoped_release unlocked;
    searcher_.emplace(paths);
  }

  SearchResults search(const std::string& query, const SearchOptions& options) {
    py::gil_scoped_release unlocked;
    const std::lock_guard lock(mutex_);
    SearchResults results;
    try {
      results = searcher_->search(query, options);
    } catch (const QueryError& e) {
      throw QueryErrorInPython(e.what(), code_point_offset(query, e.offset()), e.offset());
    }
    for (Hit& hit : results.hits) marks_in_code_points(hit.snippet);
    return results;
  }

  const FieldSchema& fields() const { return searcher_->fields(); }

  IndexInfo info() {
    py::gil_scoped_release unlocked;
    const std::lock_guard lock(mutex_);
    return searcher_->info();
  }

 private:
  std::mutex mutex_;  // a Searcher is not thread-safe: calls are serialized
  std::optional<Searcher> searcher_;
};

// A stored field's values as Python values of its type: a number as an int
// or a float, a date as a datetime.date or datetime.datetime (a str when it
// is a month or a year); one value alone, several as a list (as in the JSON
// of `lisan search`).
py::object typed_value(const FieldSpec* field, const std::string& value) {
  if (field != nullptr && field->type == FieldType::kNumber) {
    if (const std::optional<double> number = parse_field_number(value)) {
      if (std::nearbyint(*number) == *number && std::fabs(*number) < 9.0e15) {
        return py::int_(static_cast<long long>(*number));
      }
      return py::float_(*number);
    }
  }
  if (field != nullptr && field->type == FieldType::kDate) {
    const py::module_ datetime = py::module_::import("datetime");
    try {
      if (value.size() == 10) return datetime.attr("date").attr("fromisoformat")(value);
      if (value.size() > 10) return datetime.attr("datetime").attr("fromisoformat")(value);
    } catch (const py::error_already_set&) {
      // Not a form Python reads: the text as stored.
    }
  }
  return py::str(value);
}

py::dict typed_fields(const FieldValues& fields, const FieldSchema& schema) {
  py::dict out;
  for (const auto& [name, values] : fields) {
    const FieldSpec* field = schema.find(name);
    if (values.size() == 1) {
      out[py::str(name)] = typed_value(field, values.front());
      continue;
    }
    py::list list;
    for (const std::string& value : values) list.append(typed_value(field, value));
    out[py::str(name)] = list;
  }
  return out;
}

// The Python object of a search's results: SearchResults with its hits made
// once, each with its fields typed by the index's schema.
py::object results_object(SearchResults results, const FieldSchema& schema) {
  py::list hits;
  for (const Hit& hit : results.hits) {
    py::object h = py::cast(hit);
    h.attr("fields") = typed_fields(hit.fields, schema);
    hits.append(h);
  }
  py::object out = py::cast(std::move(results));
  out.attr("hits") = hits;
  return out;
}

py::dict hit_dict(const py::object& self) {
  const Hit& hit = self.cast<const Hit&>();
  py::dict out;
  out["rank"] = hit.rank;
  out["id"] = hit.id;
  out["lang"] = hit.lang;
  out["title"] = hit.title;
  out["url"] = hit.url;
  out["score"] = hit.score;
  out["snippet"] =
      py::dict(py::arg("text") = hit.snippet.text, py::arg("marks") = hit.snippet.marks);
  // JSON-ready: dates as ISO 8601 text, as `lisan search --json` writes them.
  py::dict fields;
  for (const auto& [name, value] : self.attr("fields").cast<py::dict>()) {
    const auto json_ready = [](const py::handle& v) -> py::object {
      if (py::hasattr(v, "isoformat")) return v.attr("isoformat")();
      return py::reinterpret_borrow<py::object>(v);
    };
    if (py::isinstance<py::list>(value)) {
      py::list list;
      for (const py::handle v : value) list.append(json_ready(v));
      fields[name] = list;
    } else {
      fields[name] = json_ready(value);
    }
  }
  if (py::len(fields) > 0) out["fields"] = fields;
  if (!hit.matched_terms.empty()) out["matched_terms"] = hit.matched_terms;
  return out;
}

py::dict facet_dict(const FieldFacet& facet) {
  py::list values;
  for (const FacetValue& v : facet.values) {
    values.append(py::dict(py::arg("value") = v.value, py::arg("count") = v.count));
  }
  return py::dict(py::arg("field") = facet.field, py::arg("values") = values,
                  py::arg("estimated") = facet.estimated);
}

py::dict results_dict(const py::object& self) {
  const SearchResults& results = self.cast<const SearchResults&>();
  py::dict out;
  out["query"] = results.query;
  out["total"] = results.total;
  out["estimated"] = results.estimated;
  out["language_facets"] = results.language_facets;
  py::list facets;
  for (const FieldFacet& facet : results.facets) facets.append(facet_dict(facet));
  out["facets"] = facets;
  py::list hits;
  for (const py::handle hit : self.attr("hits"))
    hits.append(hit_dict(py::reinterpret_borrow<py::object>(hit)));
  out["hits"] = hits;
  out["suggestion"] = results.suggestion;
  return out;
}

std::string highlighted(const MarkedText& snippet, const std::string& open,
                        const std::string& close) {
  const py::str text(snippet.text);
  std::string out;
  std::size_t at = 0;
  for (const auto& [begin, end] : snippet.marks) {
    out += text[py::slice(at, begin, 1)].cast<std::string>() + open;
    out += text[py::slice(begin, end, 1)].cast<std::string>() + close;
    at = end;
  }
  return out + text[py::slice(at, py::len(text), 1)].cast<std::string>();
}

void bind_results(py::module_& m) {
  py::class_<MarkedText>(m, "Snippet", "A passage with the words that matched marked.")
      .def_readonly("text", &MarkedText::text)
      .def_readonly("marks", &MarkedText::marks,
                    "(begin, end) pairs: text[begin:end] is a matched word.")
      .def("highlighted", &highlighted, py::arg("open") = "<b>", py::arg("close") = "</b>",
           "The text with each mark between `open` and `close` (not HTML-escaped).")
      .def("__str__", [](const MarkedText& s) { return s.text; });
  py::class_<FacetValue>(m, "FacetValue", "One value of a facet and its count.")
      .def_readonly("value", &FacetValue::value, "A keyword, or a month ('2025-11') or year.")
      .def_readonly("count", &FacetValue::count)
      .def("__repr__", [](const FacetValue& v) {
        return "FacetValue(" + py::repr(py::str(v.value)).cast<std::string>() + ", " +
               std::to_string(v.count) + ")";
      });
  py::class_<FieldFacet>(m, "Facet", "The counts of one field's values among the matches.")
      .def_readonly("field", &FieldFacet::field, "As asked: 'source', 'date', 'date:year'.")
      .def_readonly("values", &FieldFacet::values, "Most frequent first.")
      .def_readonly("estimated", &FieldFacet::estimated,
                    "True when counted on the first 10,000 matches and scaled.")
      .def("to_dict", &facet_dict);
  // dynamic_attr: `fields` (typed by the schema) and `hits` (made once) are
  // set when a search makes them.
  py::class_<Hit>(m, "Hit", py::dynamic_attr(),
                  "One result of a search; .fields: its stored fields.")
      .def_readonly("rank", &Hit::rank, "1-based, counting from the first result overall.")
      .def_readonly("id", &Hit::id)
      .def_readonly("lang", &Hit::lang)
      .def_readonly("title", &Hit::title)
      .def_readonly("url", &Hit::url)
      .def_readonly("score", &Hit::score)
      .def_readonly("snippet", &Hit::snippet)
      .def_readonly("matched_terms", &Hit::matched_terms, "With explain=True.")
      .def("to_dict", &hit_dict)
      .def("__repr__", [](const Hit& h) {
        return "Hit(rank=" + std::to_string(h.rank) +
               ", id=" + py::repr(py::str(h.id)).cast<std::string>() + ", lang='" + h.lang +
               "', score=" + py::repr(py::float_(h.score)).cast<std::string>() + ")";
      });
  py::class_<SearchExplanation>(m, "SearchExplanation", "What explain=True adds.")
      .def_readonly("query_description", &SearchExplanation::query_description)
      .def_readonly("expansions", &SearchExplanation::expansions);
  py::class_<SearchResults>(m, "SearchResults", py::dynamic_attr(),
                            "A page of hits (.hits) and what is known of all the matches.")
      .def_readonly("query", &SearchResults::query)
      .def_readonly("total", &SearchResults::total, "Matching documents (see `estimated`).")
      .def_readonly("estimated", &SearchResults::estimated)
      .def_readonly("language_facets", &SearchResults::language_facets,
                    "Matching documents per language code.")
      .def_readonly("facets", &SearchResults::facets, "SearchOptions facets, in that order.")
      .def_readonly("suggestion", &SearchResults::suggestion, "'Did you mean', or ''.")
      .def_readonly("explanation", &SearchResults::explanation, "With explain=True, else None.")
      .def("to_dict", &results_dict, "The results as plain dicts and lists (JSON-ready).")
      .def("__len__", [](const py::object& self) { return py::len(self.attr("hits")); })
      .def("__iter__", [](const py::object& self) { return self.attr("hits").attr("__iter__")(); });
  py::class_<IndexInfo>(m, "IndexInfo", "What an index holds.")
      .def_readonly("documents", &IndexInfo::documents)
      .def_readonly("languages", &IndexInfo::languages)
      .def_readonly("terms", &IndexInfo::terms)
      .def_readonly("schema_version", &IndexInfo::schema_version)
      .def_readonly("analyzer", &IndexInfo::analyzer)
      .def_readonly("analyzer_version", &IndexInfo::analyzer_version)
      .def_readonly("created", &IndexInfo::created)
      .def_readonly("last_commit", &IndexInfo::last_commit)
      .def_property_readonly(
          "fields",
          [](const IndexInfo& info) {
            std::map<std::string, std::string> out;
            for (const FieldSpec& field : info.fields) {
              out[field.name] = std::string(field_type_name(field.type));
            }
            return out;
          },
          "The index's fields: name -> 'keyword', 'number', 'date' or 'text'.");
}

}  // namespace

void bind_searcher(py::module_& m) {
  bind_results(m);
  py::class_<PySearcher>(m, "Searcher",
                         "Searches one or several lisan indexes as one.\n\n"
                         "A Searcher serves one search at a time (calls from several threads\n"
                         "wait for each other); for searches in parallel, give each thread its\n"
                         "own Searcher. The GIL is released while a search runs.")
      .def(py::init([](const py::object& paths) {
             if (py::isinstance<py::str>(paths)) {
               return std::make_unique<PySearcher>(
                   std::vector<std::string>{paths.cast<std::string>()});
             }
             return std::make_unique<PySearcher>(paths.cast<std::vector<std::string>>());
           }),
           py::arg("paths"),
           "Opens an index (a str) or several (a list of str): folders, sharded indexes,\n"
           "Xapian stub files or remote shards 'tcp://HOST:PORT'. Raises IndexError.")
      .def(
          "search",
          [](PySearcher& self, const std::string& query, const py::kwargs& options) {
            return results_object(self.search(query, search_options_from_python(options)),
                                  self.fields());
          },
          py::arg("query"), search_options_help())
      .def("info", &PySearcher::info, "Document counts, versions and dates of the index.");
}

}  // namespace lisan::python
