#include <algorithm>
#include <cstddef>
#include <iostream>
#include <optional>

#include "commands.h"
#include "language_option.h"
#include "lisan/analyzers/error.h"
#include "lisan/searcher/searcher.h"
#include "results_json.h"
#include "terminal_text.h"

namespace lisan::cli {
namespace {

// Snippet for a terminal: bold marks, or [brackets] without colour. Line
// breaks and tabs become spaces; other controls are escaped (terminal_safe),
// so that indexed text cannot send escape sequences of its own.
std::string snippet_terminal(const MarkedText& snippet, bool color) {
  std::string out;
  auto append = [&out](std::string_view text) {
    std::string flat(text);
    for (char& c : flat) {
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
    out += terminal_safe(flat);
  };
  std::size_t at = 0;
  const std::string_view text = snippet.text;
  for (const auto& [begin, end] : snippet.marks) {
    append(text.substr(at, begin - at));
    out += color ? "\x1b[1;33m" : "[";
    append(text.substr(begin, end - begin));
    out += color ? "\x1b[0m" : "]";
    at = end;
  }
  append(text.substr(at));
  return out;
}

// Spaces up to the code point at byte `offset` of `query`, then "^".
std::string caret_line(std::string_view query, std::size_t offset) {
  std::string line;
  for (std::size_t i = 0; i < offset && i < query.size(); ++i) {
    if ((static_cast<unsigned char>(query[i]) & 0xC0) != 0x80) line += ' ';
  }
  return line + '^';
}

// A long query is shown only around the error (a refused query may be a
// megabyte): `context` bytes each side, cut at code points, "…" marking cuts.
struct QueryExcerpt {
  std::string text;
  std::size_t offset;  // of the error, in `text`
};

QueryExcerpt excerpt_around(std::string_view query, std::size_t offset) {
  constexpr std::size_t kContext = 60;
  if (query.size() <= 2 * kContext) return {std::string(query), offset};
  offset = std::min(offset, query.size());
  auto code_point_start = [query](std::size_t i) {
    while (i > 0 && i < query.size() && (static_cast<unsigned char>(query[i]) & 0xC0) == 0x80) --i;
    return i;
  };
  const std::size_t begin = code_point_start(offset > kContext ? offset - kContext : 0);
  const std::size_t end = code_point_start(std::min(query.size(), offset + kContext));
  QueryExcerpt excerpt;
  if (begin > 0) excerpt.text = "…";
  excerpt.offset = excerpt.text.size() + offset - begin;
  excerpt.text.append(query.substr(begin, end - begin));
  if (end < query.size()) excerpt.text += "…";
  return excerpt;
}

void print_json(const SearchResults& results, bool explain, const FieldSchema& schema) {
  std::cout << search_results_json(results, explain, schema) << '\n';
}

// "   source: aljazeera  tags: a, b" under a hit.
void print_hit_fields(const FieldValues& fields) {
  if (fields.empty()) return;
  std::cout << "  ";
  for (const auto& [name, values] : fields) {
    std::cout << ' ' << terminal_safe(name) << ':';
    const char* separator = " ";
    for (const std::string& value : values) {
      std::cout << separator << terminal_safe(value);
      separator = ", ";
    }
  }
  std::cout << '\n';
}

void print_facets(const std::vector<FieldFacet>& facets) {
  for (const FieldFacet& facet : facets) {
    std::cout << terminal_safe(facet.field) << (facet.estimated ? " (estimated):" : ":");
    for (const FacetValue& value : facet.values) {
      std::cout << "  " << terminal_safe(value.value) << ": " << value.count;
    }
    std::cout << '\n';
  }
}

void print_text(const SearchResults& results, bool explain) {
  const bool color = stdout_wants_color();
  if (explain && results.explanation) {
    std::cout << "query: " << results.explanation->query_description << '\n';
    for (const std::string& line : results.explanation->expansions)
      std::cout << "expansion: " << line << '\n';
  }
  if (!results.suggestion.empty()) std::cout << "did you mean: " << results.suggestion << '\n';
  std::cout << "about " << results.total << " result(s)";
  for (const auto& [lang, count] : results.language_facets)
    std::cout << "  " << lang << ": " << count;
  std::cout << '\n';
  print_facets(results.facets);
  for (const Hit& hit : results.hits) {
    std::cout << hit.rank << ". " << terminal_safe(hit.id) << "  [" << hit.lang << "]  "
              << terminal_safe(hit.title) << '\n';
    std::cout << "   score " << hit.score;
    if (!hit.url.empty()) std::cout << "  " << terminal_safe(hit.url);
    std::cout << "\n   " << snippet_terminal(hit.snippet, color) << '\n';
    print_hit_fields(hit.fields);
    if (explain) {
      std::cout << "   matched:";
      for (const std::string& term : hit.matched_terms) std::cout << ' ' << term;
      std::cout << '\n';
    }
  }
}

bool is_long_option(std::string_view arg) { return arg.size() > 2 && arg.starts_with("--"); }

// The option of `search` that `arg` names ("--limit", "--limit=5", "-h").
const CLI::Option* named_option(const CLI::App& search, const std::string& arg) {
  if (arg.size() < 2 || arg.front() != '-') return nullptr;  // a positional's name is no option
  return search.get_option_no_throw(arg.substr(0, arg.find('=')));
}

// The arguments after "search": its options first, then "--" and the query
// words, so that CLI11 reads none of those as an option. Nothing when CLI11
// is to refuse them as they are, with its own message: a word starting with
// "-" before the query (a query starting with "-" needs "--"), a "--word"
// anywhere that is no option (a misspelt --json is refused, not searched
// for), an option missing its value.
std::optional<std::vector<std::string>> query_words_last(const CLI::App& search,
                                                         const std::vector<std::string>& args) {
  std::vector<std::string> options;
  std::vector<std::string> query;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      query.insert(query.end(), args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
      break;
    }
    if (const CLI::Option* option = named_option(search, arg)) {
      if (option->get_items_expected_min() > 0 && arg.find('=') == std::string::npos) {
        if (i + 1 == args.size()) return std::nullopt;
        // Joined, so that a value starting with "-" (--sort -date,
        // --filter -source:x) is read as the value.
        const std::string& value = args[++i];
        if (value.starts_with('-')) {
          options.push_back(arg + "=" + value);
        } else {
          options.push_back(arg);
          options.push_back(value);
        }
      } else {
        options.push_back(arg);
      }
    } else if (is_long_option(arg) || (query.empty() && arg.size() > 1 && arg.front() == '-')) {
      return std::nullopt;
    } else {
      query.push_back(arg);
    }
  }
  if (!query.empty()) options.push_back("--");
  options.insert(options.end(), query.begin(), query.end());
  return options;
}

// "a,b" as {"a", "b"}.
std::vector<std::string> comma_list(const std::string& text) {
  std::vector<std::string> items;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t comma = std::min(text.find(',', begin), text.size());
    if (comma > begin) items.push_back(text.substr(begin, comma - begin));
    begin = comma + 1;
  }
  return items;
}

// What `lisan search` is given.
struct SearchCommandOptions {
  std::vector<std::string> dbs;
  std::string lang;
  std::size_t limit = 10;
  std::size_t offset = 0;
  bool json = false;
  bool explain = false;
  bool no_translate = false;
  bool no_transliterate = false;
  std::vector<std::string> filters;
  std::string sort;
  std::vector<std::string> facets;
  std::size_t facet_values = 10;
  std::string fields;
  std::vector<std::string> words;
};

// --filter, --sort, --facet, --fields.
void add_field_options(CLI::App& sub, SearchCommandOptions& options) {
  sub.add_option("--filter", options.filters,
                 "Only documents passing this filter, e.g. source:aljazeera, date:2025-11.., "
                 "-tags:sport (repeatable; scores unchanged)");
  sub.add_option("--sort", options.sort,
                 "Order by a field instead of relevance: FIELD ascending, -FIELD descending");
  sub.add_option("--facet", options.facets,
                 "Count the matches' values of a field (repeatable): a keyword field, a date "
                 "field by month, or FIELD:year");
  sub.add_option("--facet-values", options.facet_values, "Values shown per facet (default 10)");
  sub.add_option("--fields", options.fields,
                 "Stored fields to show with each hit, comma-separated (default: all)");
}

// --filter, --sort, --facet, --fields into the search options.
void set_field_options(const SearchCommandOptions& options, SearchOptions& search) {
  search.filters = options.filters;
  search.facets = options.facets;
  search.facet_values = options.facet_values;
  search.fields = comma_list(options.fields);
  if (!options.sort.empty()) {
    const bool descending = options.sort.front() == '-';
    search.sort = SortOrder{options.sort.substr(descending ? 1 : 0), descending};
  }
}

}  // namespace

Command add_search_command(CLI::App& app) {
  auto options = std::make_shared<SearchCommandOptions>();
  CLI::App* sub = app.add_subcommand("search", "Search an index");
  sub->add_option(
         "--db", options->dbs,
         "Index folder, stub file or tcp://HOST:PORT (xapian-tcpsrv); repeat to search several "
         "as one (default: $LISAN_DB or ./lisan-index)")
      ->check(kIndexPath)
      ->allow_extra_args(false);
  sub->add_option("--lang", options->lang, "Only documents in ar, id or en");
  sub->add_option("--limit", options->limit, "Results to show (default 10)");
  sub->add_option("--offset", options->offset, "Results to skip (default 0)");
  sub->add_flag("--json", options->json, "Print one JSON object");
  sub->add_flag("--explain", options->explain, "Show the query that ran and the matched terms");
  sub->add_flag("--no-translate", options->no_translate,
                "Do not add dictionary translations of the query words");
  sub->add_flag("--no-transliterate", options->no_transliterate,
                "Do not match names across scripts (Arabic / Latin name keys)");
  add_field_options(*sub, *options);
  sub->add_option("QUERY", options->words, "The query (may be empty with --filter)")->required();
  return {sub, [options] {
            std::string query;
            for (const std::string& w : options->words) query += (query.empty() ? "" : " ") + w;
            SearchOptions search_options;
            search_options.language = language_option(options->lang);
            search_options.limit = options->limit;
            search_options.offset = options->offset;
            search_options.explain = options->explain;
            search_options.translate = !options->no_translate;
            search_options.transliterate = !options->no_transliterate;
            set_field_options(*options, search_options);
            std::vector<std::string> dbs = options->dbs;
            if (dbs.empty()) dbs.push_back(default_db_path());
            Searcher searcher(dbs);
            SearchResults results;
            try {
              results = searcher.search(query, search_options);
            } catch (const QueryError& e) {
              // A usage error: show where, under the query or the filter.
              const std::string_view what = e.what();
              std::string shown_query = query;
              for (const std::string& filter : search_options.filters) {
                if (what.starts_with("filter \"" + filter + "\"")) shown_query = filter;
              }
              const QueryExcerpt shown = excerpt_around(shown_query, e.offset());
              // Escaped as a whole, and the caret under the escaped text.
              const std::string before = terminal_safe(shown.text.substr(0, shown.offset));
              const std::string text = before + terminal_safe(shown.text.substr(shown.offset));
              std::cerr << "lisan: " << terminal_safe(e.what()) << '\n'
                        << "  " << text << '\n'
                        << "  " << caret_line(text, before.size()) << '\n';
              return 2;
            }
            if (options->json) {
              print_json(results, options->explain, searcher.fields());
            } else {
              print_text(results, options->explain);
            }
            return 0;
          }};
}

std::vector<std::string> arrange_arguments(const CLI::App& app, std::vector<std::string> args) {
  if (args.empty() || args.front() != "search") return args;
  const CLI::App& search = *app.get_subcommand("search");
  std::optional<std::vector<std::string>> arranged =
      query_words_last(search, {args.begin() + 1, args.end()});
  if (!arranged) return args;
  arranged->insert(arranged->begin(), args.front());
  return *std::move(arranged);
}

}  // namespace lisan::cli
