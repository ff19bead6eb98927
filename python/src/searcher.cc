// lisan.Searcher: the C++ Searcher with Python options and results. The GIL
// is released during a search, so Searchers in several threads run at once.
#include "lisan/searcher/searcher.h"

#include <pybind11/chrono.h>
#include <pybind11/stl.h>

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

  IndexInfo info() {
    py::gil_scoped_release unlocked;
    const std::lock_guard lock(mutex_);
    return searcher_->info();
  }

 private:
  std::mutex mutex_;  // a Searcher is not thread-safe: calls are serialized
  std::optional<Searcher> searcher_;
};

py::dict hit_dict(const Hit& hit) {
  py::dict out;
  out["rank"] = hit.rank;
  out["id"] = hit.id;
  out["lang"] = hit.lang;
  out["title"] = hit.title;
  out["url"] = hit.url;
  out["score"] = hit.score;
  out["snippet"] =
      py::dict(py::arg("text") = hit.snippet.text, py::arg("marks") = hit.snippet.marks);
  if (!hit.matched_terms.empty()) out["matched_terms"] = hit.matched_terms;
  return out;
}

py::dict results_dict(const SearchResults& results) {
  py::dict out;
  out["query"] = results.query;
  out["total"] = results.total;
  out["estimated"] = results.estimated;
  out["language_facets"] = results.language_facets;
  py::list hits;
  for (const Hit& hit : results.hits) hits.append(hit_dict(hit));
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
  py::class_<Hit>(m, "Hit", "One result of a search.")
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
  py::class_<SearchResults>(m, "SearchResults", "A page of hits and what is known of all.")
      .def_readonly("query", &SearchResults::query)
      .def_readonly("total", &SearchResults::total, "Matching documents (see `estimated`).")
      .def_readonly("estimated", &SearchResults::estimated)
      .def_readonly("language_facets", &SearchResults::language_facets,
                    "Matching documents per language code.")
      .def_readonly("hits", &SearchResults::hits)
      .def_readonly("suggestion", &SearchResults::suggestion, "'Did you mean', or ''.")
      .def_readonly("explanation", &SearchResults::explanation, "With explain=True, else None.")
      .def("to_dict", &results_dict, "The results as plain dicts and lists (JSON-ready).")
      .def("__len__", [](const SearchResults& r) { return r.hits.size(); })
      .def(
          "__iter__",
          [](const SearchResults& r) { return py::make_iterator(r.hits.begin(), r.hits.end()); },
          py::keep_alive<0, 1>());
  py::class_<IndexInfo>(m, "IndexInfo", "What an index holds.")
      .def_readonly("documents", &IndexInfo::documents)
      .def_readonly("languages", &IndexInfo::languages)
      .def_readonly("terms", &IndexInfo::terms)
      .def_readonly("schema_version", &IndexInfo::schema_version)
      .def_readonly("analyzer", &IndexInfo::analyzer)
      .def_readonly("analyzer_version", &IndexInfo::analyzer_version)
      .def_readonly("created", &IndexInfo::created)
      .def_readonly("last_commit", &IndexInfo::last_commit);
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
            return self.search(query, search_options_from_python(options));
          },
          py::arg("query"), search_options_help())
      .def("info", &PySearcher::info, "Document counts, versions and dates of the index.");
}

}  // namespace lisan::python
