#include <algorithm>
#include <iostream>

#include "commands.h"
#include "lisan/searcher/searcher.h"
#include "results_json.h"
#include "terminal_text.h"

namespace lisan::cli {

Command add_info_command(CLI::App& app) {
  struct Options {
    std::string db = default_db_path();
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("info", "Describe an index");
  sub->add_option("--db", options->db, "Index folder (default: $LISAN_DB or ./lisan-index)")
      ->check(kIndexPath);
  sub->add_flag("--json", options->json, "Print one JSON object");
  return {sub, [options] {
            Searcher searcher({options->db});
            const IndexInfo info = searcher.info();
            if (options->json) {
              std::cout << index_info_json(info) << '\n';
              return 0;
            }
            // Metadata is whatever the index file holds.
            std::cout << "index:          " << terminal_safe(options->db) << '\n'
                      << "documents:      " << info.documents << '\n';
            for (const auto& [lang, count] : info.languages) {
              const std::string shown = terminal_safe(lang);
              std::cout << "  " << shown << ":"
                        << std::string(13 - std::min<std::size_t>(shown.size(), 12), ' ') << count
                        << '\n';
            }
            std::cout << "terms:          " << info.terms << '\n'
                      << "schema version: " << info.schema_version << '\n'
                      << "analyzer:       " << terminal_safe(info.analyzer) << " version "
                      << info.analyzer_version << '\n'
                      << "created:        " << terminal_safe(info.created) << '\n'
                      << "last commit:    " << terminal_safe(info.last_commit) << '\n'
                      << "fields:\n";
            for (const FieldSpec& field : info.fields) {
              std::cout << "  " << field.name << ": " << field_type_name(field.type)
                        << (field.builtin ? " (built-in, filled for files)" : "") << '\n';
            }
            return 0;
          }};
}

}  // namespace lisan::cli
