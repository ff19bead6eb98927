#include "field_facets.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "lisan/analyzers/error.h"

namespace lisan::internal {
namespace {

// Counts the bucket of every value of every request, one document at a time.
class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(const std::vector<FacetRequest>& requests)
      : requests_(requests), counts_(requests.size()) {}

  void operator()(const Xapian::Document& doc, double) override {
    ++seen_;
    for (std::size_t i = 0; i < requests_.size(); ++i) {
      const std::string value = doc.get_value(requests_[i].field.slot);
      if (value.empty()) continue;
      count(requests_[i], value, counts_[i]);
    }
  }

  Xapian::doccount seen() const { return seen_; }
  const std::map<std::string, Xapian::doccount>& counts(std::size_t i) const { return counts_[i]; }

 private:
  static void count(const FacetRequest& request, const std::string& value,
                    std::map<std::string, Xapian::doccount>& into) {
    switch (request.field.type) {
      case FieldType::kKeyword:
        for (std::string& one : split_keyword_values(value)) ++into[std::move(one)];
        return;
      case FieldType::kDate: {
        // Years 0000–9999 only (what a date field holds); a damaged value is not counted.
        const double stored = sortable_field_number_value(value);
        if (!(std::abs(stored) < 3e11)) return;
        const auto seconds = static_cast<std::int64_t>(stored);
        const std::size_t length = request.bucket == FacetRequest::Bucket::kYear ? 4 : 7;
        ++into[format_field_date(seconds).substr(0, length)];
        return;
      }
      case FieldType::kNumber: {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.15g", sortable_field_number_value(value));
        ++into[buffer];
        return;
      }
      case FieldType::kText:
        return;
    }
  }

  const std::vector<FacetRequest>& requests_;
  std::vector<std::map<std::string, Xapian::doccount>> counts_;
  Xapian::doccount seen_ = 0;
};

// The most frequent values first (then by value), at most `limit`, scaled by `scale`.
std::vector<FacetValue> top_values(const std::map<std::string, Xapian::doccount>& counts,
                                   std::size_t limit, double scale) {
  std::vector<FacetValue> values;
  for (const auto& [value, count] : counts) {
    values.push_back({value, static_cast<std::uint64_t>(std::llround(count * scale))});
  }
  std::stable_sort(values.begin(), values.end(),
                   [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
  if (values.size() > limit) values.resize(limit);
  return values;
}

}  // namespace

FacetRequest facet_request(const FieldSchema& schema, const std::string& name) {
  const std::size_t colon = name.find(':');
  const std::string field_name = name.substr(0, colon);
  const FieldSpec* field = schema.find(field_name);
  if (field == nullptr) throw InvalidArgument("no field \"" + field_name + "\" to count (facet)");
  if (field->type == FieldType::kText) {
    throw InvalidArgument("\"" + field_name +
                          "\" is a text field: facets count keyword, number "
                          "and date fields");
  }
  FacetRequest request{name, *field, FacetRequest::Bucket::kValue};
  if (field->type == FieldType::kDate) request.bucket = FacetRequest::Bucket::kMonth;
  if (colon == std::string::npos) return request;
  const std::string bucket = name.substr(colon + 1);
  if (field->type != FieldType::kDate || (bucket != "year" && bucket != "month")) {
    throw InvalidArgument("facet \"" + name + "\": only a date field takes :year or :month");
  }
  if (bucket == "year") request.bucket = FacetRequest::Bucket::kYear;
  return request;
}

std::vector<FieldFacet> count_facets(const Xapian::Database& db, const Xapian::Query& query,
                                     const std::vector<FacetRequest>& requests,
                                     std::size_t values_per_facet,
                                     const Xapian::MatchDecider* deadline) {
  std::vector<FieldFacet> facets;
  if (requests.empty()) return facets;
  FacetSpy spy(requests);
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.add_matchspy(&spy);
  const Xapian::MSet counted = enquire.get_mset(0, 0, kFacetCountLimit, nullptr, deadline);
  const Xapian::doccount total = counted.get_matches_estimated();
  const bool estimated = spy.seen() < total;
  const double scale = estimated && spy.seen() > 0 ? double(total) / spy.seen() : 1.0;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    facets.push_back(
        {requests[i].name, top_values(spy.counts(i), values_per_facet, scale), estimated});
  }
  return facets;
}

std::string MissingLastKeyMaker::operator()(const Xapian::Document& doc) const {
  std::string value = doc.get_value(slot_);
  if (!value.empty()) return value;
  // Reversed for a descending sort, the empty key comes last; ascending,
  // a key above every value does (sortable values and keywords hold no
  // run of 0xFF bytes this long).
  return descending_ ? std::string() : std::string(16, '\xff');
}

}  // namespace lisan::internal
