#include "language_facets.h"

#include <limits>

#include "lisan/format/schema.h"

namespace lisan::internal {

LanguageTable::LanguageTable(const Xapian::Database& db) : by_doc_(db.get_lastdocid() + 1, 0) {
  const std::string prefix(schema::kLanguagePrefix);
  for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
    if (codes_.size() == std::numeric_limits<std::uint8_t>::max()) break;  // not lisan's index
    codes_.push_back((*term).substr(prefix.size()));
    const auto number = static_cast<std::uint8_t>(codes_.size());
    for (auto doc = db.postlist_begin(*term); doc != db.postlist_end(*term); ++doc) {
      if (*doc < by_doc_.size()) by_doc_[*doc] = number;
    }
  }
}

void LanguageCounter::operator()(const Xapian::Document& doc, double /*weight*/) {
  add(doc.get_docid(), [&] { return doc.get_value(schema::kLanguageSlot); });
}

std::map<std::string, Xapian::doccount> LanguageCounter::counts() const {
  std::map<std::string, Xapian::doccount> counts = not_in_table_;
  for (std::size_t number = 1; number < by_number_.size(); ++number) {
    if (by_number_[number] != 0) {
      counts[table_.code(static_cast<std::uint8_t>(number))] += by_number_[number];
    }
  }
  return counts;
}

}  // namespace lisan::internal
