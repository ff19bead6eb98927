// Indexes three short documents (one per language) into a fresh index and
// asks one query in Latin script; the English and Indonesian documents must
// come back (the Arabic one may too, through the cross-script name key).
// Exits 0 when the expected documents come back, 1 otherwise.
//   embed_example [INDEX_DIR]   (default: a new folder under the temp dir)
#include <lisan/analyzers/error.h>
#include <lisan/indexer/indexer.h>
#include <lisan/searcher/searcher.h>

#include <filesystem>
#include <iostream>
#include <set>
#include <string>

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  const fs::path db =
      argc > 1 ? fs::path(argv[1]) : fs::temp_directory_path() / "lisan-embed-example";
  fs::remove_all(db);
  try {
    {
      lisan::Indexer indexer(db.string());
      indexer.add_document({.id = "en-1",
                            .text = "Kazakhstan joins the Abraham Accords, President Tokayev "
                                    "said in Washington.",
                            .title = "Kazakhstan joins the Abraham Accords"});
      indexer.add_document({.id = "id-1",
                            .text = "Kazakhstan bergabung dengan Abraham Accords, kata Presiden "
                                    "Tokayev di Washington.",
                            .title = "Kazakhstan bergabung dengan Abraham Accords"});
      indexer.add_document({.id = "ar-1",
                            .text = "كازاخستان تنضم إلى اتفاقيات أبراهام، قال الرئيس توكاييف في "
                                    "واشنطن.",
                            .title = "كازاخستان تنضم إلى اتفاقيات أبراهام"});
      const lisan::IndexReport report = indexer.finish();
      std::cout << "indexed " << report.added << " documents\n";
    }

    lisan::Searcher searcher({db.string()});
    lisan::SearchOptions options;
    options.limit = 5;
    const lisan::SearchResults results = searcher.search("Tokayev Washington", options);
    std::set<std::string> found;
    std::cout << "about " << results.total << " result(s) for \"" << results.query << "\"\n";
    for (const lisan::Hit& hit : results.hits) {
      std::cout << hit.rank << ". " << hit.id << " [" << hit.lang << "] " << hit.title << " ("
                << hit.score << ")\n";
      found.insert(hit.id);
    }
    fs::remove_all(db);
    const bool ok = found.count("en-1") && found.count("id-1");
    if (!ok) std::cerr << "expected en-1 and id-1 among the results\n";
    return ok ? 0 : 1;
  } catch (const lisan::Error& e) {
    std::cerr << "lisan: " << e.what() << '\n';
    return 1;
  }
}
