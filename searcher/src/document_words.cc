#include "document_words.h"

#include <string>
#include <string_view>

#include "lisan/format/schema.h"

namespace lisan::internal {
namespace {

// The unprefixed term of a stem term (ZEminist → minist).
std::string plain_word(const std::string& stem_term) {
  for (std::string_view prefix :
       {schema::kArabicStemPrefix, schema::kEnglishStemPrefix, schema::kIndonesianStemPrefix}) {
    if (stem_term.starts_with(prefix)) return stem_term.substr(prefix.size());
  }
  return stem_term;
}

}  // namespace

WordMask words_in_document(const Xapian::Database& db, const Xapian::MSet& mset,
                           Xapian::docid docid, const QueryTerms& terms, WordMask asked) {
  WordMask held = 0;
  // True when `term` stands for a word still unknown and is in the document.
  auto holds = [&](const std::string& term, WordMask words) {
    if ((words & asked & ~held) == 0) return false;
    if (mset.get_termfreq(term) == 0) return false;
    Xapian::PostingIterator postings = db.postlist_begin(term);
    postings.skip_to(docid);
    return postings != db.postlist_end(term) && *postings == docid;
  };
  for (const auto& [term, words] : terms.exact()) {
    if (holds(term, words)) held |= words & asked;
  }
  for (const auto& [term, words] : terms.stems()) {
    if (holds(term, words) || holds(plain_word(term), words)) held |= words & asked;
  }
  for (const auto& [term, words] : terms.name_keys()) {
    if (holds(term, words)) held |= words & asked;
  }
  return held;
}

}  // namespace lisan::internal
