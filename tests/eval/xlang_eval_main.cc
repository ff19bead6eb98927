// Prints the cross-language evaluation tables (Recall@10 and MRR per query
// language × document language) with expansion off, keys only,
// translations only, and both, on the parallel sets of the shared corpus.
//
//   xlang_eval [PARALLEL_DIR] [SET...]     SET: ntrex128 pud xquad (default: all)
// With LISAN_EVAL_DEFAULT_ONLY set, only the default (both on) is run.
#include <unistd.h>
#include <xapian.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cross_language_eval.h"
#include "lisan/analyzers/error.h"

int main(int argc, char** argv) {
  using namespace lisan;
  const std::string dir = argc > 1 && *argv[1] != '\0'
                              ? std::string(argv[1])
                              : std::string(LISAN_SHARED_CORPUS_DIR) + "/parallel";
  std::vector<std::string> names;
  for (int i = 2; i < argc; ++i) names.emplace_back(argv[i]);
  if (names.empty()) names = {"ntrex128", "pud", "xquad"};
  try {
    const std::filesystem::path work =
        std::filesystem::temp_directory_path() / ("lisan-xlang-eval-" + std::to_string(getpid()));
    std::filesystem::remove_all(work);
    std::filesystem::create_directories(work);
    for (const std::string& name : names) {
      const eval::ParallelSet set = name == "ntrex128" ? eval::load_ntrex128(dir)
                                    : name == "pud"    ? eval::load_pud(dir)
                                    : name == "xquad"
                                        ? eval::load_xquad(dir)
                                        : throw InvalidArgument("unknown set " + name);
      const std::string db = work / name;
      eval::build_index(set, db);
      // What the name keys cost the index: (document, term) pairs, the unit
      // of Xapian's indexing work.
      const Xapian::Database xdb(db);
      double pairs = 0, key_pairs = 0;
      for (auto t = xdb.allterms_begin(); t != xdb.allterms_end(); ++t) {
        pairs += t.get_termfreq();
        if ((*t).starts_with("XK")) key_pairs += t.get_termfreq();
      }
      std::cout << "name keys: " << key_pairs << " of " << pairs << " (document, term) pairs ("
                << 100 * key_pairs / pairs << "%)\n";
      std::cout << "== " << name << ": " << set.documents.size() << " documents, "
                << set.queries.size() << " queries\n";
      struct Mode {
        const char* label;
        bool transliterate;
        bool translate;
      };
      for (const Mode mode :
           {Mode{"expansion off", false, false}, Mode{"name keys", true, false},
            Mode{"translation", false, true}, Mode{"both (default)", true, true}}) {
        if (std::getenv("LISAN_EVAL_DEFAULT_ONLY") != nullptr && !mode.translate) continue;
        if (std::getenv("LISAN_EVAL_DEFAULT_ONLY") != nullptr && !mode.transliterate) continue;
        SearchOptions options;
        options.transliterate = mode.transliterate;
        options.translate = mode.translate;
        std::cout << "-- " << mode.label << "\n"
                  << eval::format_table(set, eval::evaluate(set, db, options));
      }
    }
    std::filesystem::remove_all(work);
  } catch (const std::exception& e) {
    std::cerr << "xlang_eval: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
