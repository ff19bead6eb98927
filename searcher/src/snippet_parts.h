// The parts of make_snippet, one job each, in the order a snippet runs them:
// reading the text's words with the rules that stop it early (SnippetReader),
// choosing the window with the most query words (choose_window), cutting the
// passage around it (cut_passage) and marking its words (mark_passage).
// Internal: exposed so that each part is tested without an index.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lisan/analyzers/analyzer.h"
#include "lisan/searcher/searcher.h"
#include "query_terms.h"
#include "snippet.h"

namespace lisan::internal {

// How much of a long text the snippet reads for certain. Analysing the text
// is the snippet's whole cost (about 40 µs a KB), and a page of hits from
// long documents (regulations of 50 KB and more) took tens of milliseconds.
// Past this, reading goes on only until a match has been seen and the room
// for a passage after the last match is read, so a document whose only
// match is deep still shows it; the passage is the best of what was read.
// That end is fixed when first known: matches within the room do not move
// it on (they did, and a regulation that names a query word every few
// lines was read for tens of kilobytes).
inline constexpr std::size_t kSnippetScanBytes = 8 * 1024;

// The most UTF-8 bytes one character takes.
inline constexpr std::size_t kMaxBytesPerChar = 4;

// Text after the last word (its full stop, a closing quote) is shown with
// it while it is this short, even past the room.
inline constexpr std::size_t kMaxTrailingChars = 16;

// One word of the text as read.
struct WordSpan {
  std::size_t begin;
  std::size_t end;
  WordMask words;  // the query words it matches; 0: none
  // Code points of the text before `begin` and before `end`, so that the
  // length of any run of words is a subtraction.
  std::size_t chars_before_begin;
  std::size_t chars_before_end;
};

// A byte range [begin, end) of the text.
struct Passage {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The part of `whole` a snippet reads: its first kMaxSnippetScanBytes, cut
// at a character boundary.
std::string_view snippet_head(std::string_view whole);

// The query words a token stands for: by its unstemmed term, else its stem,
// else its name key (the word in the other script the document was found
// by: توكاييف for Tokayev).
class QueryWordMatcher {
 public:
  explicit QueryWordMatcher(const QueryTerms& terms);
  // `text` is the text `token` was read from (its name key depends on it).
  WordMask match(const Token& token, std::string_view text);

 private:
  WordMask match_name_key(const Token& token, std::string_view text);

  const QueryTerms& terms_;
  // A Latin query word has keys of Arabic-script words (XKA…): the
  // capitalised words of a Latin text need no key made.
  bool arabic_keys_;
  bool latin_keys_;
  std::string prefixed_;  // reused: no allocation per token once it has grown
};

// The words of a text and whether they are all of it.
struct ReadWords {
  std::vector<WordSpan> words;
  bool read_all = true;  // false: reading stopped before the end of the text
};

// Reads a text's tokens one at a time and decides when to stop: past
// kSnippetScanBytes, once a passage holding every query word is read, or
// when the text is known to hold no query word (asked of `text_words`).
class SnippetReader {
 public:
  SnippetReader(std::string_view text, const QueryTerms& terms, std::size_t max_chars,
                const TextWords& text_words);
  // Takes the next token of the text; false when reading stops before it
  // (the token is not kept, nor is any after it).
  bool read(const Token& token);
  ReadWords take() && { return std::move(read_); }

 private:
  bool stop();  // false, and reading is over
  bool past_scan_room(const Token& token);
  bool holds_no_query_word(const Token& token);
  bool past_complete_passage(std::size_t chars_before_begin) const;
  std::size_t chars_to(std::size_t byte);
  void record_match(const WordSpan& span);
  void stop_if_complete(std::size_t end_chars);

  std::string_view text_;
  QueryWordMatcher matcher_;
  std::size_t max_chars_;
  const TextWords& text_words_;  // borrowed: outlives the reader
  bool asked_text_words_;
  ReadWords read_;
  std::size_t counted_to_ = 0;  // bytes whose code points are counted in `chars_`
  std::size_t chars_ = 0;
  std::size_t last_match_end_ = 0;
  std::size_t last_match_end_chars_ = 0;
  std::optional<std::size_t> scan_end_;  // past kSnippetScanBytes: where reading ends
  // Once a run of max_chars holds every query word, no passage can hold
  // more words: reading stops when the words that could share that run's
  // passage are read. Most hits show their words in the first sentences,
  // and this reads a third of what the scan limit alone did.
  WordMask all_words_;
  WordMask seen_words_ = 0;                     // also: 0 while nothing has matched
  std::array<std::size_t, 64> last_seen_at_{};  // chars_before_begin of each word's last match
  std::optional<std::size_t> read_to_chars_;
};

// Analyses `text` as `lang` through a SnippetReader.
ReadWords read_words(AnalysisContext& analysis, std::string_view text, Language lang,
                     const QueryTerms& terms, std::size_t max_chars, const TextWords& text_words);

// The matched words a passage is built around: words[first] to
// words[last_match], both matches.
struct Window {
  std::size_t first;
  std::size_t last_match;
};

// The window of at most max_chars, starting at a matched word, that holds
// the most query words, then the most matches (the earliest of equals).
// None when no word matches.
std::optional<Window> choose_window(const std::vector<WordSpan>& words, std::size_t max_chars);

// The passage to show: around `window` with context, or the start of the
// text when there is none; at most max_chars characters counted from the
// words' spans and at most max_chars × kMaxBytesPerChar bytes. `read_all`:
// `words` are all of `text` (the text after the last word may be shown).
Passage cut_passage(std::string_view text, const std::vector<WordSpan>& words,
                    const std::optional<Window>& window, std::size_t max_chars, bool read_all);

// The passage of `text` (the head of `whole`) with its matched words
// marked and "…" where it cuts `whole`.
MarkedText mark_passage(std::string_view whole, std::string_view text,
                        const std::vector<WordSpan>& words, Passage passage);

}  // namespace lisan::internal
