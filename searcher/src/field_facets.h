// Facets on fields: the counts of a keyword field's values (each value of a
// list) or of a date field's months or years among a query's matches, and
// the sort key that puts documents without a field last.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "lisan/format/fields.h"
#include "lisan/searcher/searcher.h"

namespace lisan::internal {

// As for language facets (match_counter.h): every match is counted up to
// this many; past it, the counts of the first ones are scaled to the total.
inline constexpr Xapian::doccount kFacetCountLimit = 10000;

// What one facet counts.
struct FacetRequest {
  std::string name;  // as asked: "source", "date", "date:year"
  FieldSpec field;
  enum class Bucket { kValue, kMonth, kYear } bucket = Bucket::kValue;
};

// The request for `name` ("field" or "field:year" / "field:month" for a
// date field). Throws InvalidArgument for a field the schema lacks or a
// text field.
FacetRequest facet_request(const FieldSchema& schema, const std::string& name);

// Counts the facets of the matches of `query` in one pass of Xapian's
// matcher without weights; `deadline` is the search's match decider.
std::vector<FieldFacet> count_facets(const Xapian::Database& db, const Xapian::Query& query,
                                     const std::vector<FacetRequest>& requests,
                                     std::size_t values_per_facet,
                                     const Xapian::MatchDecider* deadline);

// Sorts by a value slot, documents without a value last whichever the
// direction (Enquire reverses the keys when sorting descending).
class MissingLastKeyMaker : public Xapian::KeyMaker {
 public:
  MissingLastKeyMaker(Xapian::valueno slot, bool descending)
      : slot_(slot), descending_(descending) {}
  std::string operator()(const Xapian::Document& doc) const override;

 private:
  Xapian::valueno slot_;
  bool descending_;
};

}  // namespace lisan::internal
