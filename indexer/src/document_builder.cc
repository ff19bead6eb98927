#include "document_builder.h"

#include <cstdio>

#include "lisan/analyzers/name_key.h"
#include "lisan/indexer/schema.h"

namespace lisan::internal {

std::uint64_t content_hash(std::string_view bytes) noexcept {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

std::string hash_hex(std::uint64_t hash) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

void DocumentBuilder::index_body(Xapian::Document& out, std::string_view text, Language lang) {
  body_words_.clear();
  TokenStream tokens = analysis_.analyze(text, lang);
  while (const Token* token = tokens.next()) {
    // Unstemmed form with its position: exact matches and phrases. Through
    // the reused buffer: Arabic words outgrow std::string's small buffer, and
    // there must be no heap allocation per token.
    term_.assign(token->term);
    out.add_posting(term_, token->position);
    WordTerms& word = terms_of(*token);
    if (word.stem == token->stem) {
      if (!word.stem_term.empty()) ++word.stem_count;
    } else {
      // One term from two spellings (teh marbuta and heh fold alike) whose
      // stems differ: this occurrence's stem goes in as it comes.
      add_stem(out, *token);
    }
    // Which words get a key: schema::name_key_prefix (measured cost in
    // docs/CROSS_LANGUAGE.md). The prefix, when there is one, is that of the
    // word's script, so one key term serves all its occurrences; the key is
    // made at the first (a Latin word may never be written with a capital).
    const std::string_view key_prefix = schema::name_key_prefix(*token, text);
    if (key_prefix.empty()) continue;
    if (!word.key_decided) {
      const std::string key = name_key(token->term);
      if (!key.empty()) word.key_term.assign(key_prefix).append(key);
      word.key_decided = true;
    }
    if (!word.key_term.empty()) ++word.key_count;
  }
  for (const auto& [term, word] : body_words_) {
    if (word.stem_count > 0) out.add_term(word.stem_term, word.stem_count);
    if (word.key_count > 0) out.add_term(word.key_term, word.key_count);
  }
}

DocumentBuilder::WordTerms& DocumentBuilder::terms_of(const Token& token) {
  if (const auto it = body_words_.find(token.term); it != body_words_.end()) return it->second;
  WordTerms& word = body_words_[std::string(token.term)];
  word.stem.assign(token.stem);
  if (has_stem_term(token))
    word.stem_term.assign(schema::stem_prefix(token.stem_language)).append(token.stem);
  return word;
}

// Stem without positions (Xapian's STEM_SOME does the same): stems only
// serve ranked matching, and positions would double the postings written.
// Stopwords get no stem: queries drop them from ranked parts anyway.
// A word that is its own stem (English "run", Arabic "كتب") gets none
// either: its unstemmed term already says it, and the searcher looks for
// a stem under both forms. That saves a quarter of the (document, term)
// pairs, Xapian's writer's main cost (docs/PERFORMANCE.md).
bool DocumentBuilder::has_stem_term(const Token& token) {
  return !schema::stem_prefix(token.stem_language).empty() && !token.is_stopword &&
         token.stem != token.term;
}

void DocumentBuilder::add_stem(Xapian::Document& out, const Token& token) {
  if (!has_stem_term(token)) return;
  term_.assign(schema::stem_prefix(token.stem_language)).append(token.stem);
  out.add_term(term_);
}

void DocumentBuilder::index_title(Xapian::Document& out, std::string_view title, Language lang) {
  TokenStream tokens = analysis_.analyze(title, lang);
  while (const Token* token = tokens.next()) {
    term_.assign(schema::kTitlePrefix).append(token->term);
    out.add_term(term_);
    add_name_key(out, *token, title);
  }
}

// Which words get a key: schema::name_key_prefix (measured cost in
// docs/CROSS_LANGUAGE.md).
void DocumentBuilder::add_name_key(Xapian::Document& out, const Token& token,
                                   std::string_view text) {
  const std::string_view prefix = schema::name_key_prefix(token, text);
  if (prefix.empty()) return;
  const std::string key = name_key(token.term);
  if (key.empty()) return;
  term_.assign(prefix).append(key);
  out.add_term(term_);
}

Xapian::Document DocumentBuilder::build(const PreparedDocument& doc) {
  Xapian::Document out;
  const StoredDocument& stored = doc.stored;
  const std::string lang_code(language_code(doc.language));
  out.add_boolean_term(std::string(schema::kIdPrefix) + stored.id);
  out.add_boolean_term(std::string(schema::kLanguagePrefix) + lang_code);
  index_body(out, stored.text, doc.language);
  index_title(out, stored.title, doc.language);
  out.add_value(schema::kLanguageSlot, lang_code);
  out.add_value(schema::kSizeSlot, Xapian::sortable_serialise(static_cast<double>(stored.size)));
  out.add_value(schema::kMtimeSlot, Xapian::sortable_serialise(static_cast<double>(doc.mtime)));
  out.add_value(schema::kHashSlot, hash_hex(doc.hash));
  if (!stored.source.empty()) out.add_value(schema::kSourceSlot, stored.source);
  out.set_data(serialize_document_data(stored));
  return out;
}

}  // namespace lisan::internal
