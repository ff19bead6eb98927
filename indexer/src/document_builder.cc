#include "document_builder.h"

#include <cstdio>

#include "lisan/analyzers/name_key.h"
#include "lisan/format/schema.h"

namespace lisan::internal {

std::string hash_hex(std::uint64_t hash) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

void DocumentBuilder::index_body(Xapian::Document& out, std::string_view text, Language lang) {
  TokenStream tokens = analysis_.analyze(text, lang);
  while (const Token* token = tokens.next()) {
    // Unstemmed form with its position: exact matches and phrases. Through
    // the reused buffer: Arabic words outgrow std::string's small buffer, and
    // there must be no heap allocation per token.
    term_.assign(token->term);
    out.add_posting(term_, token->position);
    add_name_key(out, *token, text);
    // Stem without positions (Xapian's STEM_SOME does the same): stems only
    // serve ranked matching, and positions would double the postings written.
    // Not every word gets one (schema::has_stem_term): leaving out the words
    // that are their own stem saves a quarter of the (document, term) pairs,
    // Xapian's writer's main cost (docs/PERFORMANCE.md).
    if (!schema::has_stem_term(*token)) continue;
    out.add_term(schema::assign_stem_term(term_, token->stem_language, token->stem));
  }
}

void DocumentBuilder::index_title(Xapian::Document& out, std::string_view title, Language lang) {
  TokenStream tokens = analysis_.analyze(title, lang);
  while (const Token* token = tokens.next()) {
    term_.assign(schema::kTitlePrefix).append(token->term);
    out.add_term(term_);
    add_name_key(out, *token, title);
  }
}

// Keyword values as boolean terms, sortable values in their slots, and a
// text field's words under its prefix and as body words without positions,
// so that plain queries find them too (ranked with the rest).
void DocumentBuilder::index_fields(Xapian::Document& out, const PreparedFields& fields,
                                   Language lang) {
  for (const std::string& term : fields.boolean_terms) out.add_boolean_term(term);
  for (const auto& [slot, value] : fields.values) out.add_value(slot, value);
  for (const auto& [prefix, text] : fields.texts) {
    TokenStream tokens = analysis_.analyze(text, lang);
    while (const Token* token = tokens.next()) {
      term_.assign(prefix).append(token->term);
      out.add_term(term_);
      term_.assign(token->term);
      out.add_term(term_);
      if (schema::has_stem_term(*token)) {
        out.add_term(schema::assign_stem_term(term_, token->stem_language, token->stem));
      }
    }
  }
}

// Which words get a key: schema::name_key_prefix (measured cost in
// docs/CROSS_LANGUAGE.md).
void DocumentBuilder::add_name_key(Xapian::Document& out, const Token& token,
                                   std::string_view text) {
  const std::string_view prefix = schema::name_key_prefix(token, text);
  if (prefix.empty()) return;
  // An Arabic word with proclitics is keyed without them too (وبوتين is
  // Putin's key as well), by the same rules as a query word.
  for (const std::string& key : document_name_keys(token.term)) {
    term_.assign(prefix).append(key);
    out.add_term(term_);
  }
}

Xapian::Document DocumentBuilder::build(const PreparedDocument& doc) {
  Xapian::Document out;
  const StoredDocument& stored = doc.stored;
  const std::string lang_code(language_code(doc.language));
  out.add_boolean_term(schema::id_term(stored.id));
  out.add_boolean_term(std::string(schema::kLanguagePrefix) + lang_code);
  index_body(out, stored.text, doc.language);
  index_title(out, stored.title, doc.language);
  index_fields(out, doc.fields, doc.language);
  out.add_value(schema::kLanguageSlot, lang_code);
  out.add_value(schema::kSizeSlot, Xapian::sortable_serialise(static_cast<double>(stored.size)));
  out.add_value(schema::kMtimeSlot, Xapian::sortable_serialise(static_cast<double>(doc.mtime)));
  out.add_value(schema::kHashSlot, hash_hex(doc.hash));
  if (!stored.source.empty()) out.add_value(schema::kSourceSlot, stored.source);
  out.set_data(serialize_document_data(stored));
  return out;
}

}  // namespace lisan::internal
