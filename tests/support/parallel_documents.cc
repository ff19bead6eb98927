#include "support/parallel_documents.h"

#include "lisan/indexer/indexer.h"

namespace lisan::eval {

namespace {
constexpr char kLanguageSeparator = '@';
}  // namespace

std::string tagged_id(std::string_view id, Language language) {
  std::string tagged(id);
  tagged += kLanguageSeparator;
  tagged += language_code(language);
  return tagged;
}

std::string untagged_id(std::string_view tagged) {
  return std::string(tagged.substr(0, tagged.rfind(kLanguageSeparator)));
}

void index_parallel_documents(const std::vector<ParallelDocument>& documents,
                              const std::string& db_path) {
  Indexer indexer(db_path);
  for (const ParallelDocument& doc : documents) {
    SourceDocument source;
    source.id = tagged_id(doc.id, doc.language);
    source.text = doc.text;
    // An empty title would make the indexer take the text's first line.
    source.title = doc.title.empty() ? " " : doc.title;
    source.language = doc.language;
    indexer.add_document(source);
  }
  indexer.finish();
}

}  // namespace lisan::eval
