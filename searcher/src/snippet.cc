#include "snippet.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "lisan/analyzers/name_key.h"
#include "lisan/indexer/schema.h"

namespace lisan::internal {
namespace {

struct WordSpan {
  std::size_t begin;
  std::size_t end;
  WordMask words;  // the query words it matches; 0: none
  // Code points of the text before `begin` and before `end`, so that the
  // length of any run of words is a subtraction.
  std::size_t chars_before_begin;
  std::size_t chars_before_end;
};

// The query words `term` matches in `terms`, 0 when none.
WordMask words_of(const QueryTerms::Terms& terms, std::string_view term) {
  const auto it = terms.find(term);
  return it == terms.end() ? 0 : it->second;
}

// Count of code points in text[begin, end): UTF-8 continuation bytes excluded.
std::size_t chars_between(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t count = 0;
  for (std::size_t i = begin; i < end; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
  }
  return count;
}

// How much of a long text the snippet reads for certain. Analysing the text
// is the snippet's whole cost (about 40 µs a KB), and a page of hits from
// long documents (regulations of 50 KB and more) took tens of milliseconds.
// Past this, reading goes on only until a match has been seen and the room
// for a passage after the last match is read, so a document whose only
// match is deep still shows it; the passage is the best of what was read.
// That end is fixed when first known: matches within the room do not move
// it on (they did, and a regulation that names a query word every few
// lines was read for tens of kilobytes).
constexpr std::size_t kSnippetScanBytes = 8 * 1024;

// The most UTF-8 bytes one character takes.
constexpr std::size_t kMaxBytesPerChar = 4;

// Text after the last word (its full stop, a closing quote) is shown with
// it while it is this short, even past the room.
constexpr std::size_t kMaxTrailingChars = 16;

// A byte range [begin, end) of the text.
struct Passage {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The words at the start of the text that fit in max_chars, the text before
// the first word counted: a word too long to index (a megabyte of base64)
// is text like any other, cut at max_chars.
Passage start_of_text(std::string_view text, const std::vector<WordSpan>& words,
                      std::size_t max_chars) {
  std::size_t last = 0;
  while (last < words.size() && words[last].chars_before_end <= max_chars) ++last;
  Passage passage;
  passage.end = last > 0 ? words[last - 1].end : std::min(text.size(), max_chars);
  while (passage.end < text.size() &&
         (static_cast<unsigned char>(text[passage.end]) & 0xC0) == 0x80) {
    ++passage.end;
  }
  return passage;
}

bool starts_sentence(std::string_view text, const std::vector<WordSpan>& words, std::size_t k) {
  if (k == 0) return true;
  const std::string_view gap = text.substr(words[k - 1].end, words[k].begin - words[k - 1].end);
  for (std::string_view stop : {".", "!", "?", "\n", "؟", "…", "。"}) {
    if (gap.find(stop) != std::string_view::npos) return true;
  }
  return false;
}

// The matches from words[first] to words[last_match], then some context
// before them (a third of the room left, from a sentence start when one is
// that close: "Kazakhstan, which … 1992, said …" reads better than "… 1992,
// said …"), then the rest of the room after them. Lengths are counted in
// characters from the words' spans, text between words included, so no
// stretch of text, however long, goes past the room.
Passage around_matches(std::string_view text, const std::vector<WordSpan>& words, std::size_t first,
                       std::size_t last_match, std::size_t max_chars, bool read_all) {
  const std::size_t used = words[last_match].chars_before_end - words[first].chars_before_begin;
  const std::size_t room = max_chars > used ? max_chars - used : 0;
  const std::size_t before_room = room / 3;
  std::size_t start = first;
  std::size_t furthest = first;
  for (std::size_t k = first;; --k) {
    if (words[first].chars_before_begin - words[k].chars_before_begin > before_room) break;
    furthest = k;
    if (starts_sentence(text, words, k)) {
      start = k;
      break;
    }
    if (k == 0) break;
  }
  if (start == first && !starts_sentence(text, words, first)) start = furthest;
  // From the very start of the text when what comes before the first word fits too.
  const bool from_text_start = start == 0 && words[last_match].chars_before_end <= max_chars;
  Passage passage{from_text_start ? 0 : words[start].begin, words[last_match].end};
  const std::size_t begin_chars = from_text_start ? 0 : words[start].chars_before_begin;
  std::size_t end_chars = words[last_match].chars_before_end;
  std::size_t last = last_match + 1;
  while (last < words.size() && words[last].chars_before_end - begin_chars <= max_chars) {
    end_chars = words[last].chars_before_end;
    passage.end = words[last++].end;
  }
  if (last == words.size() && read_all) {
    // The text after the last word: counted only when its bytes may fit.
    const std::size_t left =
        std::max(max_chars - std::min(max_chars, end_chars - begin_chars), kMaxTrailingChars);
    if (text.size() - passage.end <= left * kMaxBytesPerChar &&
        chars_between(text, passage.end, text.size()) <= left) {
      passage.end = text.size();
    }
  }
  return passage;
}

// At most max_bytes of text, cut at a character boundary: whatever the
// counting above, a snippet's size has a hard limit.
void cap_bytes(std::string_view text, Passage& passage, std::size_t max_bytes) {
  if (passage.end - passage.begin <= max_bytes) return;
  passage.end = passage.begin + max_bytes;
  while (passage.end > passage.begin &&
         (static_cast<unsigned char>(text[passage.end]) & 0xC0) == 0x80) {
    --passage.end;
  }
}

}  // namespace

MarkedText make_snippet(AnalysisContext& analysis, std::string_view whole, Language lang,
                        const QueryTerms& terms, std::size_t max_chars,
                        const TextWords& text_words) {
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
  std::string prefixed;
  std::size_t counted_to = 0;  // bytes whose code points are counted in `chars`
  std::size_t chars = 0;
  auto chars_to = [&](std::size_t byte) {
    chars += chars_between(text, counted_to, byte);
    counted_to = byte;
    return chars;
  };
  bool read_all = true;
  std::size_t last_match_end = 0;
  std::optional<std::size_t> scan_end;  // past kSnippetScanBytes: where reading ends
  // Once a run of max_chars holds every query word, no passage can hold
  // more words: reading stops when the words that could share that run's
  // passage are read. Most hits show their words in the first sentences,
  // and this reads a third of what the scan limit alone did.
  WordMask all_words = terms.words();
  WordMask seen_words = 0;                     // also: 0 while nothing has matched
  std::array<std::size_t, 64> last_seen_at{};  // chars_before_begin of each word's last match
  std::optional<std::size_t> read_to_chars;
  bool asked_text_words = !text_words;
  // Once the words seen so far are all there is to see: reading ends a
  // passage after the first of them, when the last match (ending at
  // `end_chars`) is that close to it; else a later match may bring them
  // together.
  auto stop_if_complete = [&](std::size_t end_chars) {
    if (read_to_chars || (seen_words & all_words) != all_words) return;
    std::size_t first = end_chars;
    for_each_word(all_words, [&](std::size_t w) { first = std::min(first, last_seen_at[w]); });
    if (end_chars - first <= max_chars) read_to_chars = first + max_chars;
  };
  std::size_t last_match_end_chars = 0;
  // A Latin query word has keys of Arabic-script words (XKA…): the
  // capitalised words of a Latin text need no key made.
  auto any_key_with = [&terms](std::string_view prefix) {
    const auto it = terms.name_keys().lower_bound(prefix);
    return it != terms.name_keys().end() && it->first.starts_with(prefix);
  };
  const bool arabic_keys = any_key_with(schema::kArabicNameKeyPrefix);
  const bool latin_keys = any_key_with(schema::kLatinNameKeyPrefix);
  auto has_keys_of = [&](std::string_view prefix) {
    return prefix == schema::kArabicNameKeyPrefix ? arabic_keys : latin_keys;
  };
  TokenStream tokens = analysis.analyze(text, lang);
  while (const Token* token = tokens.next()) {
    if (token->begin >= kSnippetScanBytes && seen_words != 0) {
      if (!scan_end) scan_end = last_match_end + max_chars * kMaxBytesPerChar;
      if (token->begin > *scan_end) {
        read_all = false;
        break;
      }
    }
    if (!asked_text_words && token->begin >= kAskTextWordsAfterBytes && !read_to_chars &&
        (seen_words & all_words) != all_words) {
      asked_text_words = true;
      all_words &= seen_words | text_words(all_words & ~seen_words);
      if (all_words == 0) {  // no query word in the text: its start is the snippet
        read_all = false;
        break;
      }
      stop_if_complete(last_match_end_chars);
    }
    WordSpan span{token->begin, token->end, 0, 0, 0};
    span.chars_before_begin = chars_to(token->begin);
    if (read_to_chars && span.chars_before_begin > *read_to_chars) {
      read_all = false;
      break;
    }
    span.chars_before_end = chars_to(token->end);
    span.words = words_of(terms.exact(), token->term);
    if (span.words == 0) {
      prefixed.assign(schema::stem_prefix(token->stem_language)).append(token->stem);
      span.words = words_of(terms.stems(), prefixed);
    }
    if (span.words == 0 && !terms.name_keys().empty()) {
      // The word the document was found by through its name key, in the
      // other script (توكاييف for Tokayev): marked like any match. Only
      // words of a script the query has keys for are keyed.
      const std::string_view prefix = schema::name_key_prefix(*token, text);
      if (!prefix.empty() && has_keys_of(prefix)) {
        prefixed.assign(prefix).append(name_key(token->term));
        if (prefixed.size() > prefix.size()) span.words = words_of(terms.name_keys(), prefixed);
      }
    }
    if (span.words != 0) {
      last_match_end = token->end;
      seen_words |= span.words;
      for_each_word(span.words, [&](std::size_t w) { last_seen_at[w] = span.chars_before_begin; });
      last_match_end_chars = span.chars_before_end;
      stop_if_complete(span.chars_before_end);
    }
    words.push_back(span);
  }

  // Best window: the one starting at a matched word that holds the most
  // query words, then the most matches, within max_chars. Windows slide:
  // the end only moves forward, so the search is linear in the words.
  std::size_t best_first = 0;
  std::size_t best_last = 0;  // exclusive
  long best_score = -1;
  std::array<std::size_t, 64> in_window{};  // matches of each query word
  long distinct = 0;
  long matches = 0;
  std::size_t window_end = 0;  // the window is words [first, window_end)
  auto fits = [&](std::size_t first, std::size_t k) {
    return words[k].chars_before_end - words[first].chars_before_begin <= max_chars;
  };
  auto count = [&](const WordSpan& word, int change) {
    matches += change;
    for_each_word(word.words, [&](std::size_t w) {
      std::size_t& n = in_window[w];
      if (change < 0 && --n == 0) --distinct;
      if (change > 0 && n++ == 0) ++distinct;
    });
  };
  for (std::size_t first = 0; first < words.size(); ++first) {
    if (first > 0 && first - 1 < window_end && words[first - 1].words != 0) {
      count(words[first - 1], -1);  // the word that just left the window
    }
    if (window_end < first) window_end = first;
    if (words[first].words == 0) continue;
    while (window_end < words.size() && fits(first, window_end)) {
      if (words[window_end].words != 0) count(words[window_end], +1);
      ++window_end;
    }
    const long score = distinct * 1000 + matches;
    if (score > best_score) {
      best_score = score;
      best_first = first;
      best_last = std::max(window_end, first + 1);
    }
  }

  Passage passage;
  if (best_score < 0) {
    // Nothing to mark (e.g. matched by title or a cross-language key): the start.
    passage = start_of_text(text, words, max_chars);
  } else {
    std::size_t last_match = best_last - 1;
    while (words[last_match].words == 0) --last_match;
    passage = around_matches(text, words, best_first, last_match, max_chars, read_all);
  }
  cap_bytes(text, passage, max_chars * kMaxBytesPerChar);
  const auto [begin, end] = passage;

  if (begin > 0) out.text = "…";
  const std::size_t shift = out.text.size();
  out.text.append(text.substr(begin, end - begin));
  for (const WordSpan& word : words) {
    if (word.words != 0 && word.begin >= begin && word.end <= end) {
      out.marks.emplace_back(word.begin - begin + shift, word.end - begin + shift);
    }
  }
  if (end < whole.size()) out.text.append("…");
  return out;
}

}  // namespace lisan::internal
