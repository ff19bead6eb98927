#include "search_options_from_python.h"

#include <pybind11/stl.h>

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "bindings.h"
#include "lisan/analyzers/error.h"

namespace lisan::python {

namespace {

template <class T>
T value_of(const py::handle& value, const std::string& name, const char* type) {
  // bool is an int in Python: a flag given 1 is fine, a count given True is not.
  if (std::is_same_v<T, std::size_t> && py::isinstance<py::bool_>(value)) {
    throw InvalidArgument("search option '" + name + "' must be " + type);
  }
  try {
    return value.cast<T>();
  } catch (const py::cast_error&) {
    throw InvalidArgument("search option '" + name + "' must be " + type + ", not " +
                          py::repr(value).cast<std::string>());
  }
}

std::chrono::steady_clock::duration seconds_of(const py::handle& value, const std::string& name) {
  if (value.is_none()) return {};
  const double seconds = value_of<double>(value, name, "a number of seconds or None");
  if (!(seconds >= 0) || seconds > 1e6) {
    throw InvalidArgument("search option '" + name + "' must be between 0 and 1e6 seconds");
  }
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(seconds));
}

// A str, or a list or tuple of str: filters, facets and fields.
std::vector<std::string> strings_of(const py::handle& value, const std::string& name) {
  if (value.is_none()) return {};
  if (py::isinstance<py::str>(value)) return {value.cast<std::string>()};
  if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
    std::vector<std::string> out;
    for (const py::handle item : value) {
      out.push_back(value_of<std::string>(item, name, "a str or a list of str"));
    }
    return out;
  }
  throw InvalidArgument("search option '" + name + "' must be a str or a list of str");
}

using Setter = std::function<void(SearchOptions&, const py::handle&, const std::string&)>;

template <class T>
Setter field(T SearchOptions::*member, const char* type) {
  return [member, type](SearchOptions& o, const py::handle& v, const std::string& name) {
    o.*member = value_of<T>(v, name, type);
  };
}

template <class T>
Setter ranking(T RankingOptions::*member, const char* type) {
  return [member, type](SearchOptions& o, const py::handle& v, const std::string& name) {
    o.ranking.*member = value_of<T>(v, name, type);
  };
}

const std::map<std::string, Setter>& setters() {
  static const std::map<std::string, Setter> table = {
      {"limit", field(&SearchOptions::limit, "an int >= 0")},
      {"offset", field(&SearchOptions::offset, "an int >= 0")},
      {"explain", field(&SearchOptions::explain, "a bool")},
      {"snippets", field(&SearchOptions::snippets, "a bool")},
      {"snippet_chars", field(&SearchOptions::snippet_chars, "an int >= 0")},
      {"suggest", field(&SearchOptions::suggest, "a bool")},
      {"translate", field(&SearchOptions::translate, "a bool")},
      {"transliterate", field(&SearchOptions::transliterate, "a bool")},
      {"lang",
       [](SearchOptions& o, const py::handle& v, const std::string& name) {
         o.language.reset();
         if (!v.is_none()) o.language = language_argument(value_of<std::string>(v, name, "a str"));
       }},
      {"time_limit", [](SearchOptions& o, const py::handle& v,
                        const std::string& name) { o.time_limit = seconds_of(v, name); }},
      {"filters", [](SearchOptions& o, const py::handle& v,
                     const std::string& name) { o.filters = strings_of(v, name); }},
      {"facets", [](SearchOptions& o, const py::handle& v,
                    const std::string& name) { o.facets = strings_of(v, name); }},
      {"fields", [](SearchOptions& o, const py::handle& v,
                    const std::string& name) { o.fields = strings_of(v, name); }},
      {"facet_values", field(&SearchOptions::facet_values, "an int >= 0")},
      {"sort",
       [](SearchOptions& o, const py::handle& v, const std::string& name) {
         o.sort.reset();
         if (v.is_none()) return;
         std::string field = value_of<std::string>(v, name, "a field name or None");
         const bool descending = !field.empty() && field.front() == '-';
         if (descending) field.erase(0, 1);
         o.sort = SortOrder{field, descending};
       }},
      {"bm25_k1", ranking(&RankingOptions::bm25_k1, "a float")},
      {"bm25_b", ranking(&RankingOptions::bm25_b, "a float")},
      {"exact_bonus", ranking(&RankingOptions::exact_bonus, "a float")},
      {"title_weight", ranking(&RankingOptions::title_weight, "a float")},
      {"coordination", ranking(&RankingOptions::coordination, "a float")},
      {"proximity", ranking(&RankingOptions::proximity, "a float")},
      {"more_words_first", ranking(&RankingOptions::more_words_first, "a bool")},
      {"question_words", ranking(&RankingOptions::question_words, "a bool")},
  };
  return table;
}

}  // namespace

SearchOptions search_options_from_python(const py::kwargs& options) {
  SearchOptions out;
  for (const auto& [key, value] : options) {
    const std::string name = py::str(key).cast<std::string>();
    const auto setter = setters().find(name);
    if (setter == setters().end()) {
      throw InvalidArgument("unknown search option '" + name +
                            "' (see help(lisan.Searcher.search))");
    }
    setter->second(out, value, name);
  }
  return out;
}

const char* search_options_help() {
  return "search(query, **options) -> SearchResults\n\n"
         "Runs `query` (the query language of docs/QUERY_SYNTAX.md: words, \"phrases\",\n"
         "+must, -not, OR, lang:xx). Options, all keyword arguments:\n"
         "  limit=10           hits to return\n"
         "  offset=0           hits to skip (pagination)\n"
         "  lang=None          only documents in this language ('ar', 'id', 'en', 'und')\n"
         "  snippets=True      make each hit's snippet (off: faster)\n"
         "  snippet_chars=200  about how many characters a snippet holds\n"
         "  suggest=True       'did you mean' for words the index lacks\n"
         "  translate=True     add dictionary translations of each word (ar, en, id)\n"
         "  transliterate=True add cross-script name keys (Tokayev <-> توكاييف)\n"
         "  explain=False      fill Hit.matched_terms and SearchResults.explanation\n"
         "  time_limit=None    seconds a search may run; past it, TimeLimitExceeded\n"
         "  filters=[]         required of every hit, score unchanged: 'source:aljazeera',\n"
         "                     'date:2025-11..', 'price:10..20', '-tags:sport'\n"
         "  sort=None          a keyword, number or date field; '-date' for latest first;\n"
         "                     ties by relevance, documents without the field last\n"
         "  facets=[]          count values of keyword fields ('source'), months or years\n"
         "                     of date fields ('date', 'date:year'): SearchResults.facets\n"
         "  facet_values=10    values per facet, most frequent first\n"
         "  fields=[]          stored fields on each hit (Hit.fields); empty: all\n"
         "  bm25_k1, bm25_b, exact_bonus, title_weight, coordination, proximity,\n"
         "  more_words_first, question_words: ranking constants (docs/RANKING.md);\n"
         "                     the defaults were measured best, change them to experiment\n"
         "An empty query gives no hits. Raises QueryError (with\n"
         "`offset` into the query) for a query that cannot be understood, InvalidArgument\n"
         "for an unknown option or a value of another type, IndexError when the index\n"
         "cannot be read. Snippet marks index the snippet's str.";
}

}  // namespace lisan::python
