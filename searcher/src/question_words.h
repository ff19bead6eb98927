// Question words ("who", "siapakah", "متى"): they say what kind of answer is
// wanted, not what it is about, and no passage that answers holds them more
// than another. The searcher treats them as stopwords of the query (dropped
// from its ranked parts, kept in phrases and +words), on top of the
// stopword lists, which already hold most of them (docs/RANKING.md).
#pragma once

#include <string_view>

namespace lisan::internal {

// True when the normalized term is a question word of Arabic, Indonesian or
// English that the stopword lists do not hold.
bool is_question_word(std::string_view term) noexcept;

}  // namespace lisan::internal
