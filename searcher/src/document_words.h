// Which query words a document's terms hold, read from the index: what a
// snippet needs to know to stop reading a long text that lacks some of them.
#pragma once

#include <xapian.h>

#include "query_terms.h"

namespace lisan::internal {

// The words of `asked` that document `docid` has a term of (its word, a
// stem, a name key or a translation's). Title terms are not asked, so a word
// only in the title is not held, but for its name key, which the title and
// the text share: that only makes a snippet read on, as it did before it
// asked. A stem is looked for also as the plain word: the index writes no
// stem term for a word that is its own stem.
// `mset` is the match the document is in: terms it counts in no document
// are not looked up.
WordMask words_in_document(const Xapian::Database& db, const Xapian::MSet& mset,
                           Xapian::docid docid, const QueryTerms& terms, WordMask asked);

}  // namespace lisan::internal
