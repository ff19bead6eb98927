#include "support/corpus_generator.h"

#include <array>
#include <random>
#include <string_view>
#include <vector>

#include "support/run_command.h"

namespace lisan::testing {
namespace {

// Small vocabularies, enough for language detection and varied terms.
constexpr std::array<std::string_view, 24> kIndonesian = {
    "pemerintah", "mengumumkan", "kebijakan", "baru",       "untuk",     "masyarakat",
    "yang",       "dan",         "dengan",    "perjanjian", "kerjasama", "ekonomi",
    "presiden",   "negara",      "hubungan",  "diplomatik", "bahwa",     "dalam",
    "pertemuan",  "menteri",     "luar",      "negeri",     "sejak",     "tahun"};
constexpr std::array<std::string_view, 24> kEnglish = {
    "the",      "government", "announced", "a",         "new",        "policy",
    "for",      "people",     "and",       "with",      "agreement",  "cooperation",
    "economic", "president",  "country",   "relations", "diplomatic", "that",
    "in",       "meeting",    "foreign",   "minister",  "since",      "year"};
constexpr std::array<std::string_view, 24> kArabic = {
    "الحكومة", "أعلنت",   "سياسة",     "جديدة",  "من",     "أجل",       "الناس",       "مع",
    "اتفاقية", "التعاون", "الاقتصادي", "الرئيس", "الدولة", "العلاقات",  "الدبلوماسية", "في",
    "اجتماع",  "وزير",    "الخارجية",  "منذ",    "عام",    "كازاخستان", "واشنطن",      "السلام"};

}  // namespace

GeneratedCorpus generate_corpus(const std::string& folder, int files, std::uint32_t seed) {
  std::mt19937 random(seed);
  GeneratedCorpus made;
  for (int i = 0; i < files; ++i) {
    const auto& words = i % 3 == 0 ? kIndonesian : i % 3 == 1 ? kEnglish : kArabic;
    std::uniform_int_distribution<std::size_t> pick(0, words.size() - 1);
    std::string text =
        "Document " + std::to_string(i) + " " + std::string(words[pick(random)]) + "\n";
    const int length = std::uniform_int_distribution<int>(60, 400)(random);
    for (int w = 0; w < length; ++w) {
      text += words[pick(random)];
      text += w % 17 == 16 ? ".\n" : " ";
    }
    // A distinct token per document, so that every document has a term of its own.
    text += "\nserial" + std::to_string(i) + "x\n";
    if (i % 5 == 0) text += "https://example.org/doc/" + std::to_string(i) + "\n";
    char name[64];
    std::snprintf(name, sizeof name, "/part%02d/doc%05d.txt", i % 20, i);
    write_file(folder + name, text);
    ++made.files;
    made.bytes += text.size();
  }
  return made;
}

}  // namespace lisan::testing
