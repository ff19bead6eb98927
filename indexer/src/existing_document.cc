#include "existing_document.h"

#include <filesystem>

#include "lisan/format/schema.h"
#include "lisan/format/stored_document.h"

namespace fs = std::filesystem;

namespace lisan::internal {

std::uint64_t ExistingDocument::size() const {
  return static_cast<std::uint64_t>(number(schema::kSizeSlot));
}

std::int64_t ExistingDocument::mtime() const {
  return static_cast<std::int64_t>(number(schema::kMtimeSlot));
}

std::string ExistingDocument::hash() const { return doc_.get_value(schema::kHashSlot); }

std::string ExistingDocument::source() const { return doc_.get_value(schema::kSourceSlot); }

bool ExistingDocument::same_file_facts(const FileFacts& facts) const {
  return size() == facts.size && mtime() == facts.mtime;
}

bool ExistingDocument::belongs_to_another_file(const std::string& source_path) const {
  const std::string old_source = source();
  if (old_source.empty() || old_source == source_path) return false;
  std::error_code error;
  if (!fs::exists(old_source, error)) return false;
  return !fs::equivalent(old_source, source_path, error) && !error;
}

double ExistingDocument::number(Xapian::valueno slot) const {
  return Xapian::sortable_unserialise(doc_.get_value(slot));
}

std::optional<ExistingDocument> find_existing(const Xapian::Database& db, const std::string& id) {
  const std::string q_term = schema::id_term(id);
  const bool hashed = schema::id_term_is_hashed(id);
  for (Xapian::PostingIterator it = db.postlist_begin(q_term); it != db.postlist_end(q_term);
       ++it) {
    // The id came from the index: no need for Xapian to check it is there.
    Xapian::Document doc = db.get_document(*it, Xapian::DOC_ASSUME_VALID);
    // A long id's term is a hash of it: the stored id tells which document it is.
    if (!hashed || parse_document_data(doc.get_data()).id == id) {
      return ExistingDocument(*it, std::move(doc));
    }
  }
  return std::nullopt;
}

}  // namespace lisan::internal
