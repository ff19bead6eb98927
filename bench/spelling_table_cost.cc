// What Xapian's spelling table would cost the indexer: the same JSONL texts
// indexed with Xapian::TermGenerator without and with FLAG_SPELLING (which
// calls add_spelling for every word), twice each, wall time printed.
// docs/RANKING.md explains why the searcher scans the term list instead.
//
//   spelling_table_cost FILE.jsonl [DOCUMENTS]
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: spelling_table_cost FILE.jsonl [DOCUMENTS]\n");
    return 2;
  }
  const std::size_t max_docs = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 2000;
  std::vector<std::string> texts;
  std::ifstream in(argv[1]);
  std::string line;
  while (texts.size() < max_docs && std::getline(in, line)) {
    if (!line.empty()) texts.push_back(nlohmann::json::parse(line).at("text"));
  }
  const std::filesystem::path work = std::filesystem::temp_directory_path() / "lisan-spelling-cost";
  for (const bool spelling : {false, true}) {
    for (int round = 0; round < 2; ++round) {
      std::filesystem::remove_all(work);
      const auto start = std::chrono::steady_clock::now();
      Xapian::WritableDatabase db(work.string(), Xapian::DB_CREATE_OR_OVERWRITE);
      Xapian::TermGenerator generator;
      generator.set_database(db);
      if (spelling) generator.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
      for (const std::string& text : texts) {
        Xapian::Document doc;
        generator.set_document(doc);
        generator.index_text(text);
        db.add_document(doc);
      }
      db.commit();
      const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
      std::printf("%zu documents, spelling table %s: %.2f s\n", texts.size(),
                  spelling ? "on " : "off", took.count());
    }
  }
  std::filesystem::remove_all(work);
  return 0;
}
