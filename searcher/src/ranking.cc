#include "ranking.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "lisan/format/schema.h"

namespace lisan::internal {
namespace {

// The forms of one query word, and how rare it is.
struct WordForms {
  std::vector<std::string> terms;  // text forms and the title term
  double idf = 0;
};

// Prefixed terms (stems, title words, keys) carry no positions; the
// normalized words, unprefixed and never upper case, do.
bool has_positions(const std::string& term) {
  return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z');
}

// `idf`: look up how rare each word is (only the proximity bonus needs it,
// and each lookup reads the term's posting-list header).
std::vector<WordForms> word_forms(const Xapian::Database& db, const std::vector<QueryWord>& words,
                                  bool idf) {
  const auto n = static_cast<double>(db.get_doccount());
  std::vector<WordForms> out;
  for (const QueryWord& word : words) {
    WordForms forms{{word.query.get_unique_terms_begin(), word.query.get_unique_terms_end()}, 0};
    double df = 0;
    for (const std::string& term : forms.terms) {
      if (idf) df = std::max(df, static_cast<double>(db.get_termfreq(term)));
    }
    // As put_more_words_first counted: a word found only in the title is found.
    if (!word.exact.empty()) forms.terms.push_back(std::string(schema::kTitlePrefix) + word.exact);
    // BM25's idf in the form that stays positive for words in most documents.
    forms.idf = std::log(1 + (n - df + 0.5) / (df + 0.5));
    out.push_back(std::move(forms));
  }
  return out;
}

// What the second phase knows of one hit.
struct HitWords {
  std::size_t matched = 0;                                  // query words it holds
  std::vector<std::pair<Xapian::termpos, std::size_t>> at;  // (position, word)
};

// Reads, for each hit (by ascending document id), which words it holds and
// where: a skip_to per term over the hits' ascending ids reads a few chunks
// of each posting list, and its position list only for the hits it has.
std::vector<HitWords> read_hits(const Xapian::Database& db, const std::vector<WordForms>& words,
                                const std::vector<Xapian::docid>& ascending, bool positions) {
  // Enough occurrences of one word in one hit for any window to be seen.
  constexpr std::size_t kMaxPositions = 256;
  std::vector<HitWords> hits(ascending.size());
  std::vector<char> has_word(ascending.size());
  for (std::size_t w = 0; w < words.size(); ++w) {
    std::fill(has_word.begin(), has_word.end(), 0);
    for (const std::string& term : words[w].terms) {
      Xapian::PostingIterator postings = db.postlist_begin(term);
      const Xapian::PostingIterator end = db.postlist_end(term);
      for (std::size_t i = 0; i < ascending.size() && postings != end; ++i) {
        postings.skip_to(ascending[i]);
        if (postings == end || *postings != ascending[i]) continue;
        has_word[i] = 1;
        if (!positions || !has_positions(term)) continue;
        std::size_t read = 0;
        for (auto p = postings.positionlist_begin();
             p != postings.positionlist_end() && read < kMaxPositions; ++p, ++read) {
          hits[i].at.emplace_back(*p, w);
        }
      }
    }
    for (std::size_t i = 0; i < ascending.size(); ++i) hits[i].matched += has_word[i];
  }
  return hits;
}

// BM25TP's term-pair weight, saturated per word: Σ_w idf_w · a_w / (1 + a_w),
// a_w = Σ 1/d² over the other words' occurrences d positions from w's.
double proximity(HitWords& hit, const std::vector<WordForms>& words) {
  std::sort(hit.at.begin(), hit.at.end());
  std::vector<double> near(words.size());
  for (std::size_t a = 0; a < hit.at.size(); ++a) {
    for (std::size_t b = a + 1; b < hit.at.size(); ++b) {
      const Xapian::termpos d = hit.at[b].first - hit.at[a].first;
      if (d > kProximityWindow) break;
      // d == 0: two query words sharing a form, one word of the text.
      if (d == 0 || hit.at[a].second == hit.at[b].second) continue;
      const double weight = 1.0 / (static_cast<double>(d) * static_cast<double>(d));
      near[hit.at[a].second] += weight;
      near[hit.at[b].second] += weight;
    }
  }
  double bonus = 0;
  for (std::size_t w = 0; w < words.size(); ++w) bonus += words[w].idf * near[w] / (1 + near[w]);
  return bonus;
}

}  // namespace

std::vector<double> rescore(const Xapian::Database& db, const std::vector<QueryWord>& words,
                            const SecondPhase& phase, std::size_t window,
                            std::vector<Xapian::MSetIterator>& order) {
  if (words.size() < 2 || order.empty() || !phase.enabled()) return {};
  const std::vector<WordForms> forms = word_forms(db, words, phase.proximity > 0);
  window = std::min(window, order.size());
  std::vector<Xapian::docid> ascending;
  for (std::size_t i = 0; i < window; ++i) ascending.push_back(*order[i]);
  std::sort(ascending.begin(), ascending.end());
  std::vector<HitWords> hits = read_hits(db, forms, ascending, phase.proximity > 0);
  std::vector<std::pair<double, Xapian::MSetIterator>> scored;
  const auto n = static_cast<double>(words.size());
  for (std::size_t i = 0; i < window; ++i) {
    const Xapian::MSetIterator& it = order[i];
    const auto at = std::lower_bound(ascending.begin(), ascending.end(), *it);
    HitWords& hit = hits[static_cast<std::size_t>(at - ascending.begin())];
    const double coordination =
        1 - phase.coordination + phase.coordination * static_cast<double>(hit.matched) / n;
    double score = it.get_weight() * coordination;
    if (phase.proximity > 0) score += phase.proximity * proximity(hit, forms);
    scored.emplace_back(score, it);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<double> scores;
  for (std::size_t i = 0; i < scored.size(); ++i) {
    order[i] = scored[i].second;
    scores.push_back(scored[i].first);
  }
  for (std::size_t i = window; i < order.size(); ++i) scores.push_back(order[i].get_weight());
  return scores;
}

}  // namespace lisan::internal
