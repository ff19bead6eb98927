#include "support/index_snapshot.h"

#include <xapian.h>

#include "lisan/format/stored_document.h"

namespace lisan::testing {

IndexSnapshot snapshot_index(const std::string& path) {
  const Xapian::Database db(path);
  IndexSnapshot snapshot;
  snapshot.documents = db.get_doccount();
  snapshot.total_length = db.get_total_length();
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    std::vector<std::string> terms;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      terms.push_back(*t + ":" + std::to_string(t.get_wdf()) + ":" +
                      std::to_string(t.positionlist_count()));
    }
    std::vector<std::string> values;
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
      values.push_back(std::to_string(v.get_valueno()) + "=" + *v);
    }
    const std::string data = doc.get_data();
    snapshot.by_id[parse_document_data(data).id] = {data, terms, values};
  }
  for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) {
    snapshot.term_stats[*it] = {it.get_termfreq(), db.get_collection_freq(*it)};
  }
  return snapshot;
}

long long document_count(const std::string& path) {
  try {
    return static_cast<long long>(Xapian::Database(path).get_doccount());
  } catch (const Xapian::Error&) {
    return -1;
  }
}

}  // namespace lisan::testing
