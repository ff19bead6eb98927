// Counting the languages of a query's matches, for the language facets.
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace lisan::internal {

// Each document's language, one byte a document, read from the index's
// language terms (L…) in one pass over their posting lists: about 10 ns a
// document, against a value-stream read for every match counted (a quarter
// of a one-word query's time on the bench corpus, docs/PERFORMANCE.md).
class LanguageTable {
 public:
  explicit LanguageTable(const Xapian::Database& db);

  // The number of `did`'s language (1, 2, …); 0 for a document the table
  // has not seen (added after it was read).
  std::uint8_t number_of(Xapian::docid did) const {
    return did < by_doc_.size() ? by_doc_[did] : 0;
  }
  // The language code of a number that number_of gave.
  const std::string& code(std::uint8_t number) const { return codes_[number - 1]; }

 private:
  std::vector<std::uint8_t> by_doc_;  // 0: not seen, else 1 + index into codes_
  std::vector<std::string> codes_;
};

// Counts matches by language through a LanguageTable, reading the language
// value only of documents the table has not seen. As a match spy, only for a
// single local database: a spy sees each sub-database's own document ids,
// and a remote one cannot run it.
class LanguageCounter : public Xapian::MatchSpy {
 public:
  explicit LanguageCounter(const LanguageTable& table) : table_(table) {}

  void operator()(const Xapian::Document& doc, double weight) override;

  // Counts document `did`; `stored_language()` gives its language value,
  // called only when the table has not seen it.
  template <typename StoredLanguage>
  void add(Xapian::docid did, StoredLanguage stored_language) {
    ++total_;
    if (const std::uint8_t number = table_.number_of(did); number != 0) {
      ++by_number_[number];
      return;
    }
    const std::string code = stored_language();
    if (!code.empty()) ++not_in_table_[code];
  }

  Xapian::doccount total() const { return total_; }
  // The count of each language seen.
  std::map<std::string, Xapian::doccount> counts() const;

 private:
  const LanguageTable& table_;
  Xapian::doccount total_ = 0;
  std::array<Xapian::doccount, 256> by_number_{};         // by LanguageTable number
  std::map<std::string, Xapian::doccount> not_in_table_;  // read from the value
};

}  // namespace lisan::internal
