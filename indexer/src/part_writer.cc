#include "part_writer.h"

#include "lisan/analyzers/language_detector.h"
#include "lisan/format/schema.h"

namespace lisan::internal {

PartWriter::PartWriter(const std::string& path, std::uint64_t flush_bytes)
    : db_(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC), flush_bytes_(flush_bytes) {}

void PartWriter::write(PreparedDocument& doc) {
  if (doc.language == Language::kUnknown) {
    doc.language = detect_language(doc.stored.text.empty() ? doc.stored.title : doc.stored.text);
  }
  doc.stored.lang = std::string(language_code(doc.language));
  id_term_ = schema::id_term(doc.stored.id);
  // A lookup in the part's own (pending) postings: a B-tree probe per
  // document, nothing next to the hundreds of terms it writes.
  Xapian::PostingIterator seen = db_.postlist_begin(id_term_);
  if (seen != db_.postlist_end(id_term_)) {
    if (db_.get_document(*seen).get_value(schema::kHashSlot) == hash_hex(doc.hash)) {
      ++totals_.unchanged;
      return;
    }
    db_.replace_document(*seen, builder_.build(doc));
    ++totals_.replaced;
  } else {
    db_.add_document(builder_.build(doc));
    ++totals_.added;
  }
  ++totals_.languages[doc.stored.lang];
  totals_.bytes += doc.stored.text.size();
  pending_bytes_ += doc.stored.text.size();
  if (pending_bytes_ >= flush_bytes_) {
    db_.commit();
    pending_bytes_ = 0;
  }
}

void PartWriter::close() {
  db_.commit();
  db_.close();
}

}  // namespace lisan::internal
