#include "snippet.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "lisan/analyzers/name_key.h"
#include "lisan/format/schema.h"
#include "snippet_parts.h"

namespace lisan::internal {
namespace {

bool is_continuation_byte(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

// The query words `term` matches in `terms`, 0 when none.
WordMask words_of(const QueryTerms::Terms& terms, std::string_view term) {
  const auto it = terms.find(term);
  return it == terms.end() ? 0 : it->second;
}

// Count of code points in text[begin, end): UTF-8 continuation bytes excluded.
std::size_t chars_between(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t count = 0;
  for (std::size_t i = begin; i < end; ++i) {
    if (!is_continuation_byte(text[i])) ++count;
  }
  return count;
}

bool any_key_with(const QueryTerms& terms, std::string_view prefix) {
  const auto it = terms.name_keys().lower_bound(prefix);
  return it != terms.name_keys().end() && it->first.starts_with(prefix);
}

}  // namespace

std::string_view snippet_head(std::string_view whole) {
  // Only the head is analysed: a span per word of a 50 MB document took
  // 400 MB and seconds for each result showing it.
  std::size_t scanned = std::min(whole.size(), kMaxSnippetScanBytes);
  while (scanned < whole.size() && is_continuation_byte(whole[scanned])) --scanned;
  return whole.substr(0, scanned);
}

// ---- Reading ---------------------------------------------------------------

QueryWordMatcher::QueryWordMatcher(const QueryTerms& terms)
    : terms_(terms),
      arabic_keys_(any_key_with(terms, schema::kArabicNameKeyPrefix)),
      latin_keys_(any_key_with(terms, schema::kLatinNameKeyPrefix)) {}

WordMask QueryWordMatcher::match(const Token& token, std::string_view text) {
  if (const WordMask words = words_of(terms_.exact(), token.term)) return words;
  schema::assign_stem_term(prefixed_, token.stem_language, token.stem);
  if (const WordMask words = words_of(terms_.stems(), prefixed_)) return words;
  return terms_.name_keys().empty() ? 0 : match_name_key(token, text);
}

// Only words of a script the query has keys for are keyed.
WordMask QueryWordMatcher::match_name_key(const Token& token, std::string_view text) {
  const std::string_view prefix = schema::name_key_prefix(token, text);
  if (prefix.empty()) return 0;
  if (!(prefix == schema::kArabicNameKeyPrefix ? arabic_keys_ : latin_keys_)) return 0;
  // Every key the indexer wrote for the word (وبوتين: also Putin's).
  WordMask words = 0;
  for (const std::string& key : document_name_keys(token.term)) {
    prefixed_.assign(prefix).append(key);
    words |= words_of(terms_.name_keys(), prefixed_);
  }
  return words;
}

SnippetReader::SnippetReader(std::string_view text, const QueryTerms& terms, std::size_t max_chars,
                             const TextWords& text_words)
    : text_(text),
      matcher_(terms),
      max_chars_(max_chars),
      text_words_(text_words),
      asked_text_words_(!text_words),
      all_words_(terms.words()) {}

bool SnippetReader::read(const Token& token) {
  if (!read_.read_all || past_scan_room(token) || holds_no_query_word(token)) return stop();
  WordSpan span{token.begin, token.end, 0, 0, 0};
  span.chars_before_begin = chars_to(token.begin);
  if (past_complete_passage(span.chars_before_begin)) return stop();
  span.chars_before_end = chars_to(token.end);
  span.words = matcher_.match(token, text_);
  if (span.words != 0) record_match(span);
  read_.words.push_back(span);
  return true;
}

bool SnippetReader::stop() {
  read_.read_all = false;
  return false;
}

// Past kSnippetScanBytes, once something matched: beyond the room for a
// passage after the last match then.
bool SnippetReader::past_scan_room(const Token& token) {
  if (token.begin < kSnippetScanBytes || seen_words_ == 0) return false;
  if (!scan_end_) scan_end_ = last_match_end_ + max_chars_ * kMaxBytesPerChar;
  return token.begin > *scan_end_;
}

// Asks text_words, once, which of the query words not yet seen the text
// holds, when kAskTextWordsAfterBytes were read without a passage holding
// them all. True when it holds none: its start is the snippet.
bool SnippetReader::holds_no_query_word(const Token& token) {
  if (asked_text_words_ || token.begin < kAskTextWordsAfterBytes || read_to_chars_ ||
      (seen_words_ & all_words_) == all_words_) {
    return false;
  }
  asked_text_words_ = true;
  all_words_ &= seen_words_ | text_words_(all_words_ & ~seen_words_);
  if (all_words_ == 0) return true;
  stop_if_complete(last_match_end_chars_);
  return false;
}

bool SnippetReader::past_complete_passage(std::size_t chars_before_begin) const {
  return read_to_chars_ && chars_before_begin > *read_to_chars_;
}

// Counts on from the last byte counted: the reader counts each byte once.
std::size_t SnippetReader::chars_to(std::size_t byte) {
  chars_ += chars_between(text_, counted_to_, byte);
  counted_to_ = byte;
  return chars_;
}

void SnippetReader::record_match(const WordSpan& span) {
  last_match_end_ = span.end;
  seen_words_ |= span.words;
  for_each_word(span.words, [&](std::size_t w) { last_seen_at_[w] = span.chars_before_begin; });
  last_match_end_chars_ = span.chars_before_end;
  stop_if_complete(span.chars_before_end);
}

// Once the words seen so far are all there is to see: reading ends a
// passage after the first of them, when the last match (ending at
// `end_chars`) is that close to it; else a later match may bring them
// together.
void SnippetReader::stop_if_complete(std::size_t end_chars) {
  if (read_to_chars_ || (seen_words_ & all_words_) != all_words_) return;
  std::size_t first = end_chars;
  for_each_word(all_words_, [&](std::size_t w) { first = std::min(first, last_seen_at_[w]); });
  if (end_chars - first <= max_chars_) read_to_chars_ = first + max_chars_;
}

ReadWords read_words(AnalysisContext& analysis, std::string_view text, Language lang,
                     const QueryTerms& terms, std::size_t max_chars, const TextWords& text_words) {
  SnippetReader reader(text, terms, max_chars, text_words);
  TokenStream tokens = analysis.analyze(text, lang);
  while (const Token* token = tokens.next()) {
    if (!reader.read(*token)) break;
  }
  return std::move(reader).take();
}

// ---- Choosing the window ---------------------------------------------------

namespace {

// The matches in a sliding window of words and how many query words they are.
class WindowCounts {
 public:
  void add(const WordSpan& word) {
    ++matches_;
    for_each_word(word.words, [&](std::size_t w) {
      if (in_window_[w]++ == 0) ++distinct_;
    });
  }
  void remove(const WordSpan& word) {
    --matches_;
    for_each_word(word.words, [&](std::size_t w) {
      if (--in_window_[w] == 0) --distinct_;
    });
  }
  // More query words first, then more matches.
  long score() const { return distinct_ * 1000 + matches_; }

 private:
  std::array<std::size_t, 64> in_window_{};  // matches of each query word
  long distinct_ = 0;
  long matches_ = 0;
};

}  // namespace

// Windows slide: the end only moves forward, so the search is linear in the
// words.
std::optional<Window> choose_window(const std::vector<WordSpan>& words, std::size_t max_chars) {
  auto fits = [&](std::size_t first, std::size_t k) {
    return words[k].chars_before_end - words[first].chars_before_begin <= max_chars;
  };
  std::optional<Window> best;
  long best_score = -1;
  WindowCounts counts;
  std::size_t window_end = 0;  // the window is words [first, window_end)
  for (std::size_t first = 0; first < words.size(); ++first) {
    if (first > 0 && first - 1 < window_end && words[first - 1].words != 0) {
      counts.remove(words[first - 1]);  // the word that just left the window
    }
    window_end = std::max(window_end, first);
    if (words[first].words == 0) continue;
    for (; window_end < words.size() && fits(first, window_end); ++window_end) {
      if (words[window_end].words != 0) counts.add(words[window_end]);
    }
    if (counts.score() > best_score) {
      best_score = counts.score();
      std::size_t last_match = std::max(window_end, first + 1) - 1;
      while (words[last_match].words == 0) --last_match;
      best = Window{first, last_match};
    }
  }
  return best;
}

// ---- Cutting the passage ---------------------------------------------------

namespace {

// The words at the start of the text that fit in max_chars, the text before
// the first word counted: a word too long to index (a megabyte of base64)
// is text like any other, cut at max_chars.
Passage start_of_text(std::string_view text, const std::vector<WordSpan>& words,
                      std::size_t max_chars) {
  std::size_t last = 0;
  while (last < words.size() && words[last].chars_before_end <= max_chars) ++last;
  Passage passage;
  passage.end = last > 0 ? words[last - 1].end : std::min(text.size(), max_chars);
  while (passage.end < text.size() && is_continuation_byte(text[passage.end])) ++passage.end;
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

// The word the passage starts at: the nearest sentence start before
// words[first] within before_room characters ("Kazakhstan, which … 1992,
// said …" reads better than "… 1992, said …"), else the furthest word back
// that fits.
std::size_t context_start(std::string_view text, const std::vector<WordSpan>& words,
                          std::size_t first, std::size_t before_room) {
  std::size_t furthest = first;
  for (std::size_t k = first;; --k) {
    if (words[first].chars_before_begin - words[k].chars_before_begin > before_room) break;
    furthest = k;
    if (starts_sentence(text, words, k)) return k;
    if (k == 0) break;
  }
  return furthest;
}

// The text after the last word joins the passage when it fits in what is
// left of the room (at least kMaxTrailingChars); its characters are counted
// only when its bytes may fit.
bool trailing_text_fits(std::string_view text, std::size_t passage_end, std::size_t used_chars,
                        std::size_t max_chars) {
  const std::size_t left = std::max(max_chars - std::min(max_chars, used_chars), kMaxTrailingChars);
  return text.size() - passage_end <= left * kMaxBytesPerChar &&
         chars_between(text, passage_end, text.size()) <= left;
}

// The matches of `window`, then some context before them (a third of the
// room left), then the rest of the room after them. Lengths are counted in
// characters from the words' spans, text between words included, so no
// stretch of text, however long, goes past the room.
Passage around_matches(std::string_view text, const std::vector<WordSpan>& words, Window window,
                       std::size_t max_chars, bool read_all) {
  const auto [first, last_match] = window;
  const std::size_t used = words[last_match].chars_before_end - words[first].chars_before_begin;
  const std::size_t room = max_chars > used ? max_chars - used : 0;
  const std::size_t start = context_start(text, words, first, room / 3);
  // From the very start of the text when what comes before the first word fits too.
  const bool from_text_start = start == 0 && words[last_match].chars_before_end <= max_chars;
  Passage passage{from_text_start ? 0 : words[start].begin, words[last_match].end};
  const std::size_t begin_chars = from_text_start ? 0 : words[start].chars_before_begin;
  std::size_t end_chars = words[last_match].chars_before_end;
  std::size_t last = last_match + 1;
  for (; last < words.size() && words[last].chars_before_end - begin_chars <= max_chars; ++last) {
    end_chars = words[last].chars_before_end;
    passage.end = words[last].end;
  }
  if (last == words.size() && read_all &&
      trailing_text_fits(text, passage.end, end_chars - begin_chars, max_chars)) {
    passage.end = text.size();
  }
  return passage;
}

// At most max_bytes of text, cut at a character boundary: whatever the
// counting above, a snippet's size has a hard limit.
void cap_bytes(std::string_view text, Passage& passage, std::size_t max_bytes) {
  if (passage.end - passage.begin <= max_bytes) return;
  passage.end = passage.begin + max_bytes;
  while (passage.end > passage.begin && is_continuation_byte(text[passage.end])) --passage.end;
}

}  // namespace

Passage cut_passage(std::string_view text, const std::vector<WordSpan>& words,
                    const std::optional<Window>& window, std::size_t max_chars, bool read_all) {
  // No window: nothing to mark (e.g. matched by title or a cross-language
  // key), so the start of the text.
  Passage passage = window ? around_matches(text, words, *window, max_chars, read_all)
                           : start_of_text(text, words, max_chars);
  cap_bytes(text, passage, max_chars * kMaxBytesPerChar);
  return passage;
}

// ---- Marking ---------------------------------------------------------------

MarkedText mark_passage(std::string_view whole, std::string_view text,
                        const std::vector<WordSpan>& words, Passage passage) {
  const auto [begin, end] = passage;
  MarkedText out;
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

MarkedText make_snippet(AnalysisContext& analysis, std::string_view whole, Language lang,
                        const QueryTerms& terms, std::size_t max_chars,
                        const TextWords& text_words) {
  if (whole.empty()) return {};
  const std::string_view text = snippet_head(whole);
  const ReadWords read = read_words(analysis, text, lang, terms, max_chars, text_words);
  const std::optional<Window> window = choose_window(read.words, max_chars);
  const Passage passage = cut_passage(text, read.words, window, max_chars, read.read_all);
  return mark_passage(whole, text, read.words, passage);
}

}  // namespace lisan::internal
