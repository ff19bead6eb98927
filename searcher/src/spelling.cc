#include "spelling.h"

#include <algorithm>
#include <chrono>
#include <vector>

namespace lisan::internal {
namespace {

// Code points of well-formed UTF-8 (index terms and analysed query words are).
void decode(std::string_view text, std::vector<char32_t>& out) {
  out.clear();
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t cp = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += length;
  }
}

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// Optimal string alignment distance over three rolling rows.
class Distance {
 public:
  std::size_t operator()(const std::vector<char32_t>& a, const std::vector<char32_t>& b,
                         std::size_t max) {
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    if ((n > m ? n - m : m - n) > max) return max + 1;
    before_.assign(m + 1, 0);
    previous_.resize(m + 1);
    current_.resize(m + 1);
    for (std::size_t j = 0; j <= m; ++j) previous_[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
      current_[0] = i;
      std::size_t row_min = current_[0];
      for (std::size_t j = 1; j <= m; ++j) {
        const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
        std::size_t d = std::min({previous_[j] + 1, current_[j - 1] + 1, previous_[j - 1] + cost});
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
          d = std::min(d, before_[j - 2] + 1);
        }
        current_[j] = d;
        row_min = std::min(row_min, d);
      }
      if (row_min > max) return max + 1;
      std::swap(before_, previous_);
      std::swap(previous_, current_);
    }
    return std::min(previous_[m], max + 1);
  }

 private:
  std::vector<std::size_t> before_, previous_, current_;
};

std::size_t allowed_edits(std::size_t letters) {
  if (letters < 4) return 0;
  return letters < 6 ? 1 : 2;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t max) {
  std::vector<char32_t> da, db;
  decode(a, da);
  decode(b, db);
  return Distance()(da, db, max);
}

namespace {

// The best neighbour of `target` among the unprefixed terms from `first`
// that start with `prefix` (every unprefixed term when `prefix` is empty).
class NeighbourScan {
 public:
  NeighbourScan(const std::vector<char32_t>& target, std::size_t max,
                std::chrono::steady_clock::time_point deadline)
      : target_(target), max_(max), deadline_(deadline) {}

  // False when the deadline cut the scan short.
  bool scan(const Xapian::Database& db, const std::string& prefix) {
    Xapian::TermIterator it = db.allterms_begin(prefix);
    const Xapian::TermIterator end = db.allterms_end(prefix);
    while (it != end) {
      if ((++scanned_ & 1023) == 0 && std::chrono::steady_clock::now() > deadline_) return false;
      const std::string term = *it;
      // Unprefixed terms are every term not starting with an ASCII capital
      // (prefixes are capitals: Q, L, S, ZA, XK…): skip that block in one jump.
      if (term.front() >= 'A' && term.front() <= 'Z') {
        it.skip_to("[");  // the byte after 'Z'
        continue;
      }
      consider(term, it);
      ++it;
    }
    return true;
  }

  const std::optional<std::string>& best() const { return best_; }

 private:
  void consider(const std::string& term, const Xapian::TermIterator& it) {
    const std::size_t letters = code_points(term);
    const std::size_t n = target_.size();
    if ((letters > n ? letters - n : n - letters) > max_ || letters < 2) return;
    decode(term, candidate_);
    const std::size_t d = distance_(target_, candidate_, std::min(max_, best_distance_));
    if (d == 0 || d > max_) return;
    const Xapian::doccount freq = it.get_termfreq();
    if (d < best_distance_ || (d == best_distance_ && freq > best_freq_)) {
      best_ = term;
      best_distance_ = d;
      best_freq_ = freq;
    }
  }

  const std::vector<char32_t>& target_;
  const std::size_t max_;
  const std::chrono::steady_clock::time_point deadline_;
  Distance distance_;
  std::vector<char32_t> candidate_;
  std::optional<std::string> best_;
  std::size_t best_distance_ = max_ + 1;
  Xapian::doccount best_freq_ = 0;
  std::size_t scanned_ = 0;
};

// The UTF-8 bytes of the first code point of `word`.
std::string first_letter(std::string_view word) {
  if (word.empty()) return {};
  const auto lead = static_cast<unsigned char>(word[0]);
  const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  return std::string(word.substr(0, std::min(length, word.size())));
}

}  // namespace

std::optional<std::string> closest_indexed_word(const Xapian::Database& db, std::string_view word,
                                                const SpellingLimits& limits, bool* finished) {
  if (finished != nullptr) *finished = true;
  std::vector<char32_t> target;
  decode(word, target);
  const std::size_t max = allowed_edits(target.size());
  if (max == 0) return std::nullopt;
  NeighbourScan same_first_letter(target, max, std::chrono::steady_clock::now() + limits.budget);
  bool complete = same_first_letter.scan(db, first_letter(word));
  if (complete && !same_first_letter.best()) {
    NeighbourScan every_word(target, max, std::chrono::steady_clock::now() + limits.budget);
    complete = every_word.scan(db, "");
    if (finished != nullptr) *finished = complete;
    return every_word.best();
  }
  if (finished != nullptr) *finished = complete;
  return same_first_letter.best();
}

std::vector<Correction> find_corrections(const Xapian::Database& db,
                                         const std::vector<QueryWord>& words,
                                         SuggestionCache& cache) {
  std::vector<Correction> corrections;
  // Each unknown word costs a scan of the term list (bounded per word); the
  // query as a whole gets at most kSpellingBudget.
  constexpr std::chrono::milliseconds kSpellingBudget{400};
  const auto deadline = std::chrono::steady_clock::now() + kSpellingBudget;
  for (const QueryWord& word : words) {
    bool known = false;
    for (auto term = word.query.get_terms_begin(); term != word.query.get_terms_end(); ++term) {
      if (db.term_exists(*term)) known = true;
    }
    if (known || word.exact.empty()) continue;
    std::optional<std::string> better;
    if (const std::optional<std::string>* cached = cache.find(word.exact)) {
      better = *cached;
    } else {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      SpellingLimits limits;
      limits.budget = std::min(limits.budget, left);
      bool finished = false;
      better = closest_indexed_word(db, word.exact, limits, &finished);
      if (finished) cache.add(word.exact, better);
    }
    if (better) corrections.push_back({word.offset, word.length, *better});
  }
  return corrections;
}

std::string corrected_query(std::string_view query, const std::vector<Correction>& corrections) {
  if (corrections.empty()) return {};
  std::string corrected(query);
  // From the last word back, so that earlier offsets stay valid.
  for (auto c = corrections.rbegin(); c != corrections.rend(); ++c) {
    std::string word = c->word;
    // Index terms are case-folded; keep a capital the user typed ("Tokayef" → "Tokayev").
    const char typed = query[c->offset];
    if (typed >= 'A' && typed <= 'Z' && word[0] >= 'a' && word[0] <= 'z') {
      word[0] = static_cast<char>(word[0] - 'a' + 'A');
    }
    corrected.replace(c->offset, c->length, word);
  }
  return corrected;
}

}  // namespace lisan::internal
