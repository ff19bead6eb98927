// Writes a synthetic JSONL corpus ({"id","lang","title","text"} a line) whose
// words are drawn with Zipf frequencies from the seed documents' vocabulary,
// so that the end-to-end benchmark (bench/index_bench) runs on any machine,
// at any size, with the same bytes every time.
//
//   generate_zipf_corpus [--megabytes N] [--seed S] [--seed-dir DIR] [--out FILE]
//
// Each seed document's language is detected; its whitespace-separated words
// (punctuation attached, as in real text) are ranked by frequency, and word r
// of a language is drawn with probability proportional to 1/r (Zipf, s = 1).
// Documents rotate ar → id → en, with about the mean length of the shared
// bench corpus (3.5 KB). Deviation from real text, on purpose: the
// vocabulary is only the seed's (a few thousand words), so documents repeat
// words more than news does and a run writes fewer distinct terms per byte.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lisan/analyzers/language.h"
#include "lisan/analyzers/language_detector.h"

namespace {

struct Options {
  double megabytes = 20;
  std::uint64_t seed = 42;
  std::filesystem::path seed_dir = LISAN_CORPUS_DIR;
  std::string out;  // empty: standard output
};

// A language's vocabulary, most frequent first, with cumulative Zipf weights.
struct Vocabulary {
  std::vector<std::string> words;
  std::vector<double> cumulative;
};

[[noreturn]] void usage_error(const std::string& message) {
  std::cerr << "generate_zipf_corpus: " << message
            << "\nusage: generate_zipf_corpus [--megabytes N] [--seed S] [--seed-dir DIR] "
               "[--out FILE]\n";
  std::exit(2);
}

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) usage_error("missing value after " + std::string(arg));
    const std::string value = argv[++i];
    if (arg == "--megabytes") {
      try {
        options.megabytes = std::stod(value);
      } catch (const std::exception&) {
        usage_error("--megabytes needs a number, not " + value);
      }
      if (!(options.megabytes > 0)) usage_error("--megabytes must be positive");
    } else if (arg == "--seed") {
      const auto [end, error] =
          std::from_chars(value.data(), value.data() + value.size(), options.seed);
      if (error != std::errc() || end != value.data() + value.size()) {
        usage_error("--seed needs a non-negative integer, not " + value);
      }
    } else if (arg == "--seed-dir") {
      options.seed_dir = value;
    } else if (arg == "--out") {
      options.out = value;
    } else {
      usage_error("unknown option " + std::string(arg));
    }
  }
  return options;
}

std::map<lisan::Language, Vocabulary> read_vocabularies(const std::filesystem::path& folder) {
  std::map<lisan::Language, std::unordered_map<std::string, std::uint64_t>> counts;
  std::error_code error;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  if (error) usage_error("cannot list " + folder.string() + ": " + error.message());
  std::sort(files.begin(), files.end());  // the output must not depend on listing order
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    const lisan::Language lang = lisan::detect_language(text);
    if (lang == lisan::Language::kUnknown) continue;
    std::istringstream words(text);
    std::string word;
    while (words >> word) {
      if (word.rfind("http", 0) == 0) continue;  // URL lines are not prose
      ++counts[lang][word];
    }
  }
  std::map<lisan::Language, Vocabulary> out;
  for (auto& [lang, by_word] : counts) {
    std::vector<std::pair<std::string, std::uint64_t>> ranked(by_word.begin(), by_word.end());
    // Ties broken by the word itself: hash-map order must not leak out.
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    Vocabulary& vocabulary = out[lang];
    double total = 0;
    for (std::size_t rank = 0; rank < ranked.size(); ++rank) {
      total += 1.0 / static_cast<double>(rank + 1);
      vocabulary.words.push_back(std::move(ranked[rank].first));
      vocabulary.cumulative.push_back(total);
    }
  }
  if (out.empty()) usage_error("no seed documents with a known language in " + folder.string());
  return out;
}

// Uniform double in [0, 1) from the raw 64-bit output, which the standard
// fixes exactly for mt19937_64 (unlike the distributions), so that every
// platform writes the same corpus for a seed.
double uniform(std::mt19937_64& random) { return static_cast<double>(random() >> 11) * 0x1.0p-53; }

const std::string& draw(const Vocabulary& vocabulary, std::mt19937_64& random) {
  const double target = uniform(random) * vocabulary.cumulative.back();
  const auto it =
      std::upper_bound(vocabulary.cumulative.begin(), vocabulary.cumulative.end(), target);
  const auto index = std::min<std::size_t>(
      static_cast<std::size_t>(it - vocabulary.cumulative.begin()), vocabulary.words.size() - 1);
  return vocabulary.words[index];
}

std::string sentence_run(const Vocabulary& vocabulary, std::mt19937_64& random,
                         std::size_t target_bytes) {
  std::string text;
  std::size_t words_in_sentence = 0;
  const std::size_t sentence_words = 8 + random() % 16;
  while (text.size() < target_bytes) {
    if (!text.empty()) text += ' ';
    text += draw(vocabulary, random);
    if (++words_in_sentence == sentence_words) {
      text += random() % 4 == 0 ? ".\n" : ".";
      words_in_sentence = 0;
    }
  }
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);
  const std::map<lisan::Language, Vocabulary> vocabularies = read_vocabularies(options.seed_dir);
  std::ofstream file;
  if (!options.out.empty()) {
    file.open(options.out, std::ios::binary | std::ios::trunc);
    if (!file) usage_error("cannot write " + options.out);
  }
  std::ostream& out = options.out.empty() ? std::cout : file;
  std::mt19937_64 random(options.seed);
  const auto target = static_cast<std::uint64_t>(options.megabytes * 1e6);
  std::uint64_t written = 0;
  for (std::uint64_t n = 0; written < target; ++n) {
    auto it = vocabularies.begin();
    std::advance(it, static_cast<std::ptrdiff_t>(n % vocabularies.size()));
    const auto& [lang, vocabulary] = *it;
    // Lengths spread from 0.5 to 6.5 KB, 3.5 KB on average.
    const std::size_t text_bytes = 500 + random() % 6000;
    std::string title = sentence_run(vocabulary, random, 40 + random() % 40);
    if (!title.empty() && title.back() == '.') title.pop_back();
    const nlohmann::json record = {{"id", "zipf-" + std::to_string(n)},
                                   {"lang", std::string(lisan::language_code(lang))},
                                   {"title", title},
                                   {"text", sentence_run(vocabulary, random, text_bytes)}};
    const std::string line = record.dump();
    out << line << '\n';
    written += line.size() + 1;
  }
  out.flush();
  if (!out) {
    std::cerr << "generate_zipf_corpus: write failed\n";
    return 1;
  }
  return 0;
}
