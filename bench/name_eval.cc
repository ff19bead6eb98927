// Cross-script name matching end to end (tests/eval/name_eval.h): the
// shared corpus's Arabic–Latin name pairs, each inside a real news sentence
// of the other script, the other spelling as the query, at 1,000 and 10,000
// documents, for the tuning (train) and checking (eval) halves.
//
//   name_eval [SHARED_CORPUS_DIR] [HALF...]     HALF: train eval (default: both)
// With LISAN_NAME_EVAL_DOCS set (e.g. "1000"), only that many documents;
// with LISAN_NAME_EVAL_MISSES set, each query whose name is not first goes
// to standard error.
#include "eval/name_eval.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>

int main(int argc, char** argv) {
  using namespace lisan;
  const std::string shared =
      argc > 1 && *argv[1] != '\0' ? std::string(argv[1]) : std::string(LISAN_SHARED_CORPUS_DIR);
  std::vector<std::string> halves;
  for (int i = 2; i < argc; ++i) halves.emplace_back(argv[i]);
  if (halves.empty()) halves = {"train", "eval"};
  std::vector<std::size_t> sizes{1000, 10000};
  if (const char* docs = std::getenv("LISAN_NAME_EVAL_DOCS")) {
    sizes = {static_cast<std::size_t>(std::stoul(docs))};
  }
  try {
    const std::size_t most = *std::max_element(sizes.begin(), sizes.end());
    const std::vector<std::string> arabic = eval::arabic_sentences(shared, most);
    const std::vector<std::string> english = eval::english_sentences(shared, most);
    std::cout << arabic.size() << " Arabic and " << english.size() << " English sentences\n";
    const std::filesystem::path work =
        std::filesystem::temp_directory_path() / ("lisan-name-eval-" + std::to_string(getpid()));
    for (const std::string& half : halves) {
      const std::vector<eval::NamePair> pairs =
          eval::load_name_pairs(shared + "/names/google_ar2en_" + half + ".tsv");
      for (std::size_t docs : sizes) {
        std::filesystem::remove_all(work);
        std::filesystem::create_directories(work);
        std::cout << "== " << half << ", " << docs << " documents (" << std::min(docs, pairs.size())
                  << " with a name)\n"
                  << eval::format_name_runs(
                         eval::evaluate_names(pairs, arabic, english, docs, work.string()))
                  << std::flush;
      }
    }
    std::filesystem::remove_all(work);
  } catch (const std::exception& e) {
    std::cerr << "name_eval: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
