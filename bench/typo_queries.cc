#include "typo_queries.h"

#include <array>
#include <span>
#include <vector>

#include "lisan/analyzers/stopwords.h"

namespace lisan::relevance {

namespace {

// The corpus's text is valid UTF-8: a plain decoder and encoder suffice.
std::u32string decode(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t c = length == 1 ? b : b & (0x7F >> length);
    for (int k = 1; k < length && i + k < s.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    out += c;
    i += static_cast<std::size_t>(length);
  }
  return out;
}

std::string encode(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

// Keyboard rows: a key's neighbours are the keys beside it in its row.
constexpr std::array<std::u32string_view, 6> kRows = {
    U"qwertyuiop", U"asdfghjkl", U"zxcvbnm", U"ضصثقفغعهخحجد", U"شسيبلاتنمكط", U"ئءؤرىةوزظ"};

// Letters told apart by their dots only, each group in a ring.
constexpr std::array<std::u32string_view, 9> kDotGroups = {U"بتثني", U"جحخ", U"دذ", U"رز", U"سش",
                                                           U"صض",    U"طظ",  U"عغ", U"فق"};

std::optional<char32_t> keyboard_neighbour(char32_t c, std::uint64_t seed) {
  for (std::u32string_view row : kRows) {
    const std::size_t at = row.find(c);
    if (at == std::u32string_view::npos) continue;
    const bool left = (seed & 1) != 0 ? at > 0 : at + 1 >= row.size();
    return row[left ? at - 1 : at + 1];
  }
  return std::nullopt;
}

std::optional<char32_t> dot_neighbour(char32_t c) {
  for (std::u32string_view group : kDotGroups) {
    const std::size_t at = group.find(c);
    if (at != std::u32string_view::npos) return group[(at + 1) % group.size()];
  }
  return std::nullopt;
}

char32_t lower_ascii(char32_t c) { return c >= U'A' && c <= U'Z' ? c - U'A' + U'a' : c; }

// The word with one error of `kind` at or after `place`; nullopt when the
// kind does not apply to the word.
std::optional<std::u32string> apply(std::u32string word, TypoKind kind, std::size_t place,
                                    std::uint64_t seed) {
  const std::size_t n = word.size();
  const std::size_t at = 1 + place % (n - 1);  // never the first letter
  switch (kind) {
    case TypoKind::kDeletion:
      word.erase(at, 1);
      return word;
    case TypoKind::kDoubling:
      word.insert(at, 1, word[at]);
      return word;
    case TypoKind::kTransposition:
      if (at + 1 >= n || word[at] == word[at + 1]) return std::nullopt;
      std::swap(word[at], word[at + 1]);
      return word;
    case TypoKind::kKeyboardNeighbour:
      if (const std::optional<char32_t> c = keyboard_neighbour(lower_ascii(word[at]), seed)) {
        word[at] = *c;
        return word;
      }
      return std::nullopt;
    case TypoKind::kDotConfusion:
      for (std::size_t k = 0; k < n; ++k) {
        const std::size_t i = (at + k) % n;
        if (const std::optional<char32_t> c = dot_neighbour(word[i])) {
          word[i] = *c;
          return word;
        }
      }
      return std::nullopt;
    case TypoKind::kHamzaSeat:
      for (std::size_t i = 0; i < n; ++i) {
        if (word[i] == U'ئ')
          word[i] = U'ي';
        else if (word[i] == U'ؤ')
          word[i] = U'و';
        else if (word[i] == U'ء')
          word.erase(i, 1);
        else
          continue;
        return word;
      }
      return std::nullopt;
  }
  return std::nullopt;
}

// The normalized term of one word, or empty when it is not one content word.
std::string content_term(std::string_view word, AnalysisContext& analysis) {
  TokenStream tokens = analysis.analyze(word, Language::kUnknown);
  const Token* token = tokens.next();
  if (token == nullptr || token->is_number || token->begin != 0 || token->end != word.size()) {
    return {};
  }
  std::string term(token->term);
  if (tokens.next() != nullptr || is_stopword_in_any_language(term)) return {};
  if (decode(term).size() < 4) return {};
  return term;
}

std::vector<std::string_view> split_words(std::string_view query) {
  std::vector<std::string_view> words;
  for (std::size_t at = 0; at < query.size();) {
    std::size_t end = query.find(' ', at);
    if (end == std::string_view::npos) end = query.size();
    if (end > at) words.push_back(query.substr(at, end - at));
    at = end + 1;
  }
  return words;
}

}  // namespace

const char* typo_kind_name(TypoKind kind) noexcept {
  switch (kind) {
    case TypoKind::kDeletion:
      return "deletion";
    case TypoKind::kDoubling:
      return "doubling";
    case TypoKind::kTransposition:
      return "transposition";
    case TypoKind::kKeyboardNeighbour:
      return "keyboard neighbour";
    case TypoKind::kDotConfusion:
      return "dot confusion";
    case TypoKind::kHamzaSeat:
      return "hamza seat";
  }
  return "?";
}

std::optional<Misspelling> misspell(std::string_view query, std::uint64_t seed,
                                    AnalysisContext& analysis) {
  const std::vector<std::string_view> words = split_words(query);
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!content_term(words[i], analysis).empty()) candidates.push_back(i);
  }
  if (candidates.empty()) return std::nullopt;
  const std::size_t chosen = candidates[seed % candidates.size()];
  const std::u32string word = decode(words[chosen]);
  const bool arabic = word[0] >= 0x0600 && word[0] <= 0x06FF;
  const std::size_t kinds = arabic ? 6 : 4;
  const std::string original = content_term(words[chosen], analysis);
  for (std::size_t k = 0; k < kinds; ++k) {
    const auto kind = static_cast<TypoKind>(((seed >> 8) + k) % kinds);
    const std::optional<std::u32string> wrong = apply(word, kind, seed >> 16, seed >> 32);
    if (!wrong) continue;
    const std::string misspelled = encode(*wrong);
    // What normalization folds back is no typo for lisan.
    if (content_term(misspelled, analysis) == original) continue;
    Misspelling out{"", std::string(words[chosen]), misspelled, kind};
    for (std::size_t i = 0; i < words.size(); ++i) {
      out.query += (i ? " " : "") + (i == chosen ? misspelled : std::string(words[i]));
    }
    return out;
  }
  return std::nullopt;
}

}  // namespace lisan::relevance
