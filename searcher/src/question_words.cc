#include "question_words.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace lisan::internal {
namespace {

// Normalized (case-folded) forms, sorted for binary search. The stopword
// lists have what/when/where/which/how/why, apa/siapa/kapan/berapa/
// bagaimana/mengapa/apakah/manakah and every Arabic question word; these
// are the forms they lack that TyDi QA's questions begin with most (the
// Indonesian -kah forms and the joined "dimana", "who", English contractions).
constexpr std::array<std::string_view, 18> kQuestionWords = {
    "adakah", "bagaimanakah", "berapakah", "bilakah",  "darimana",   "darimanakah",
    "dimana", "dimanakah",    "how's",     "kapankah", "mengapakah", "siapakah",
    "what's", "whats",        "when's",    "where's",  "who",        "who's",
};

}  // namespace

bool is_question_word(std::string_view term) noexcept {
  static_assert(std::is_sorted(kQuestionWords.begin(), kQuestionWords.end()));
  return std::binary_search(kQuestionWords.begin(), kQuestionWords.end(), term);
}

}  // namespace lisan::internal
