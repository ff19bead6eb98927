// The term emitter: turns one prepared document into a Xapian::Document by
// the schema in lisan/format/schema.h.
//
// Not thread-safe: one builder per thread (it owns an AnalysisContext).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>

#include "field_values.h"
#include "lisan/analyzers/analyzer.h"
#include "lisan/format/internal/content_hash.h"
#include "lisan/format/stored_document.h"

namespace lisan::internal {

struct PreparedDocument {
  StoredDocument stored;  // id, title, url, source, size, text (repaired)
  Language language = Language::kUnknown;
  std::int64_t mtime = 0;
  std::uint64_t hash = 0;
  PreparedFields fields;  // stored.fields, as terms and values
};

class DocumentBuilder {
 public:
  Xapian::Document build(const PreparedDocument& doc);

 private:
  void index_body(Xapian::Document& out, std::string_view text, Language lang);
  void index_title(Xapian::Document& out, std::string_view title, Language lang);
  void index_fields(Xapian::Document& out, const PreparedFields& fields, Language lang);
  // The cross-script name key of a word that may be a name (XKA…/XKL…).
  void add_name_key(Xapian::Document& out, const Token& token, std::string_view text);

  AnalysisContext analysis_;
  std::string term_;  // reused prefix + term buffer
};

std::string hash_hex(std::uint64_t hash);

}  // namespace lisan::internal
