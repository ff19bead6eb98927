#include "snippet.h"

#include <algorithm>
#include <string>
#include <vector>

#include "lisan/indexer/schema.h"

namespace lisan::internal {
namespace {

struct WordSpan {
  std::size_t begin;
  std::size_t end;
  bool matched;
  std::size_t distinct_id;  // index into the matched-term list, when matched
};

// Count of code points in text[begin, end): UTF-8 continuation bytes excluded.
std::size_t chars_between(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t count = 0;
  for (std::size_t i = begin; i < end; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace

MarkedText make_snippet(AnalysisContext& analysis, std::string_view whole, Language lang,
                        const QueryTerms& terms, std::size_t max_chars) {
  MarkedText out;
  if (whole.empty()) return out;
  // Only the head is analysed: a span per word of a 50 MB document took
  // 400 MB and seconds for each result showing it.
  std::size_t scanned = std::min(whole.size(), kMaxSnippetScanBytes);
  while (scanned < whole.size() && (static_cast<unsigned char>(whole[scanned]) & 0xC0) == 0x80) {
    --scanned;
  }
  const std::string_view text = whole.substr(0, scanned);
  std::vector<WordSpan> words;
  std::vector<std::string> matched_terms;
  std::string stem_term;
  TokenStream tokens = analysis.analyze(text, lang);
  while (const Token* token = tokens.next()) {
    WordSpan span{token->begin, token->end, false, 0};
    std::string_view key;
    if (terms.exact.contains(token->term)) {
      key = token->term;
    } else {
      stem_term.assign(schema::stem_prefix(token->stem_language)).append(token->stem);
      if (terms.stems.contains(stem_term)) key = token->stem;
    }
    if (!key.empty()) {
      span.matched = true;
      auto it = std::find(matched_terms.begin(), matched_terms.end(), key);
      span.distinct_id = static_cast<std::size_t>(it - matched_terms.begin());
      if (it == matched_terms.end()) matched_terms.emplace_back(key);
    }
    words.push_back(span);
  }

  // Best window: the one starting at a matched word that holds the most
  // distinct query words, then the most matches, within max_chars.
  std::size_t best_first = 0;
  std::size_t best_last = 0;  // exclusive
  long best_score = -1;
  std::vector<char> seen(matched_terms.size());
  for (std::size_t first = 0; first < words.size(); ++first) {
    if (!words[first].matched) continue;
    std::fill(seen.begin(), seen.end(), 0);
    long distinct = 0;
    long matches = 0;
    std::size_t last = first;
    while (last < words.size() &&
           chars_between(text, words[first].begin, words[last].end) <= max_chars) {
      if (words[last].matched) {
        ++matches;
        if (!seen[words[last].distinct_id]) {
          seen[words[last].distinct_id] = 1;
          ++distinct;
        }
      }
      ++last;
    }
    const long score = distinct * 1000 + matches;
    if (score > best_score) {
      best_score = score;
      best_first = first;
      best_last = std::max(last, first + 1);
    }
  }

  std::size_t begin = 0;
  std::size_t end = 0;
  if (best_score < 0) {
    // Nothing to mark (e.g. matched by title or a cross-language key): the start.
    std::size_t last = 0;
    while (last < words.size() && chars_between(text, 0, words[last].end) <= max_chars) ++last;
    end = last > 0 ? words[last - 1].end : std::min(text.size(), max_chars);
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  } else {
    // The matches from the first to the last of the best window, then some
    // context before them (a third of the room left, from a sentence start
    // when one is that close: "Kazakhstan, which … 1992, said …" reads
    // better than "… 1992, said …"), then the rest of the room after them.
    std::size_t last_match = best_last - 1;
    while (!words[last_match].matched) --last_match;
    end = words[last_match].end;
    const std::size_t used = chars_between(text, words[best_first].begin, end);
    const std::size_t room = max_chars > used ? max_chars - used : 0;
    const std::size_t before_room = room / 3;
    auto starts_sentence = [&](std::size_t k) {
      if (k == 0) return true;
      const std::string_view gap = text.substr(words[k - 1].end, words[k].begin - words[k - 1].end);
      for (std::string_view stop : {".", "!", "?", "\n", "؟", "…", "。"}) {
        if (gap.find(stop) != std::string_view::npos) return true;
      }
      return false;
    };
    std::size_t start = best_first;
    std::size_t furthest = best_first;
    for (std::size_t k = best_first;; --k) {
      if (chars_between(text, words[k].begin, words[best_first].begin) > before_room) break;
      furthest = k;
      if (starts_sentence(k)) {
        start = k;
        break;
      }
      if (k == 0) break;
    }
    if (start == best_first && !starts_sentence(best_first)) start = furthest;
    begin = start == 0 ? 0 : words[start].begin;
    std::size_t total = chars_between(text, begin, end);
    std::size_t last = last_match + 1;
    while (last < words.size()) {
      const std::size_t extra = chars_between(text, end, words[last].end);
      if (total + extra > max_chars) break;
      total += extra;
      end = words[last++].end;
    }
    if (last == words.size()) end = text.size();
  }

  if (begin > 0) out.text = "…";
  const std::size_t shift = out.text.size();
  out.text.append(text.substr(begin, end - begin));
  for (const WordSpan& word : words) {
    if (word.matched && word.begin >= begin && word.end <= end) {
      out.marks.emplace_back(word.begin - begin + shift, word.end - begin + shift);
    }
  }
  if (end < whole.size()) out.text.append("…");
  return out;
}

}  // namespace lisan::internal
