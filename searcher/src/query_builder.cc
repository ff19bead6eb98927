#include "query_builder.h"

#include <algorithm>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "lisan/analyzers/error.h"
#include "lisan/analyzers/name_key.h"
#include "lisan/analyzers/stopwords.h"
#include "lisan/format/schema.h"
#include "lisan/searcher/errors.h"
#include "question_words.h"

namespace lisan::internal {

Xapian::Query QueryBuilder::word(std::string_view raw_word, QueryTerms& terms,
                                 Xapian::Query* native, std::string* exact_term) {
  // Arabic script settles the language; a Latin word may be English or
  // Indonesian, so it is stemmed both ways. Each language's stem comes from
  // that language's own analysis of the word, exactly as at index time.
  static constexpr Language kCandidates[] = {Language::kArabic, Language::kEnglish,
                                             Language::kIndonesian};
  std::string exact;
  std::vector<Xapian::Query> forms;
  std::set<std::string, std::less<>> plain_stems;
  for (Language lang : kCandidates) {
    TokenStream tokens = analysis_.analyze(raw_word, lang);
    const Token* token = tokens.next();
    if (token == nullptr || token->stem_language != lang) continue;
    if (exact.empty()) {
      exact.assign(token->term);
      forms.emplace_back(exact);
      terms.add_exact(exact);
    }
    auto [stem_term, plain_stem] = schema::stem_lookup_terms(lang, token->stem);
    forms.emplace_back(stem_term);
    terms.add_stem(std::move(stem_term));
    if (plain_stem != exact && plain_stems.insert(plain_stem).second)
      forms.emplace_back(plain_stem);
  }
  if (exact.empty()) {  // a number, or a word of no stemmed language
    TokenStream tokens = analysis_.analyze(raw_word, Language::kUnknown);
    const Token* token = tokens.next();
    if (token == nullptr) return Xapian::Query();
    exact.assign(token->term);
    forms.emplace_back(exact);
    terms.add_exact(exact);
  }
  if (exact_term != nullptr) *exact_term = exact;
  if (native != nullptr) {
    *native = synonym_group(forms);
  }
  // The word's group, with its name key and translations (expansion.h).
  std::vector<std::string> title_words{exact};
  const Xapian::Query group =
      expand_word(analysis_, raw_word, forms, expansion_, terms, title_words);
  const Xapian::Query exact_bonus(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(exact),
                                  weights_.exact_bonus);
  // The word or one of its translations in the title, counted once: a title
  // in another language holds the translation, and it says what the
  // document is about as much as the same-language title does.
  std::vector<Xapian::Query> title_terms;
  std::set<std::string, std::less<>> titled;  // two translations may share a word
  for (const std::string& w : title_words) {
    if (titled.insert(w).second) title_terms.emplace_back(std::string(schema::kTitlePrefix) + w);
  }
  const Xapian::Query title(Xapian::Query::OP_SCALE_WEIGHT, synonym_group(std::move(title_terms)),
                            weights_.title);
  const Xapian::Query parts[] = {group, exact_bonus, title};
  return Xapian::Query(Xapian::Query::OP_OR, std::begin(parts), std::end(parts));
}

namespace {

using Queries = std::vector<Xapian::Query>;

Xapian::Query combine(Xapian::Query::op op, const Queries& parts) {
  if (parts.size() == 1) return parts.front();
  return Xapian::Query(op, parts.begin(), parts.end());
}

// The boolean term of a language; weight 0 so that a filter never ranks.
Xapian::Query language_term(std::string_view code) {
  const std::optional<Language> lang = parse_language(code);  // checked by the parser
  std::string term(schema::kLanguagePrefix);
  term.append(language_code(lang.value_or(Language::kUnknown)));
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), 0.0);
}

}  // namespace

Xapian::Query field_value_query(const FieldSpec& field, std::string_view value) {
  if (field.type == FieldType::kKeyword) {
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(keyword_term(field, value)),
                         0.0);
  }
  // The ends were checked by the parser; a date end covers its whole period.
  const auto [low, high] = split_range(value);
  auto bound = [&](std::string_view end, bool upper) {
    if (field.type == FieldType::kNumber) return parse_field_number(end).value_or(0);
    const std::optional<DatePeriod> period = parse_field_date(end);
    if (!period) return 0.0;
    return static_cast<double>(upper ? period->last : period->first);
  };
  if (high.empty()) {
    return Xapian::Query(Xapian::Query::OP_VALUE_GE, field.slot,
                         sortable_field_number(bound(low, false)));
  }
  if (low.empty()) {
    return Xapian::Query(Xapian::Query::OP_VALUE_LE, field.slot,
                         sortable_field_number(bound(high, true)));
  }
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, field.slot,
                       sortable_field_number(bound(low, false)),
                       sortable_field_number(bound(high, true)));
}

Xapian::Query QueryBuilder::field_node(const QueryNode& n) const {
  const FieldSpec* field = fields_ != nullptr ? fields_->find(n.text) : nullptr;
  if (field == nullptr) return Xapian::Query();  // the parser knows no field the schema lacks
  Queries parts;
  for (const std::string& value : n.values) parts.push_back(field_value_query(*field, value));
  return combine(Xapian::Query::OP_OR, parts);
}

std::string QueryBuilder::field_prefix(const QueryNode& n) const {
  if (n.field == QueryNode::Field::kTitle) return std::string(schema::kTitlePrefix);
  if (n.field != QueryNode::Field::kNamed || fields_ == nullptr) return {};
  const FieldSpec* field = fields_->find(n.field_name);
  return field != nullptr ? text_term_prefix(*field) : std::string();
}

Xapian::Query QueryBuilder::build(const QueryNode& root, QueryTerms& terms,
                                  std::vector<QueryWord>& words) {
  term_count_ = 0;
  saw_stopword_ = false;
  kept_stopwords_.clear();
  Context context{.drop_stopwords = true, .negated = false, .terms = &terms, .words = &words};
  Xapian::Query query = node(root, context);
  if (query.empty() && saw_stopword_) {
    // Nothing but stopwords ("the of", "dan yang"): search them after all.
    terms = QueryTerms();
    words.clear();
    term_count_ = 0;
    context.drop_stopwords = false;
    query = node(root, context);
  }
  return query;
}

Xapian::Query QueryBuilder::node(const QueryNode& n, const Context& context) {
  switch (n.kind) {
    case QueryNode::Kind::kWord:
      return word_node(n, context);
    case QueryNode::Kind::kPhrase:
      return phrase_node(n, context);
    case QueryNode::Kind::kLanguage:
      return language_term(n.text);
    case QueryNode::Kind::kField:
      return field_node(n);
    case QueryNode::Kind::kSequence:
      return sequence(n, context);
    case QueryNode::Kind::kAnd:
    case QueryNode::Kind::kOr: {
      const Queries parts = distinct_parts(n.children, context);
      if (parts.empty()) return Xapian::Query();
      return combine(n.kind == QueryNode::Kind::kAnd ? Xapian::Query::OP_AND : Xapian::Query::OP_OR,
                     parts);
    }
    case QueryNode::Kind::kAndNot: {
      Xapian::Query positive = node(n.children.front(), context);
      Context negated = context;
      negated.negated = true;
      const Queries excluded =
          distinct_parts(std::span<const QueryNode>(n.children).subspan(1), negated);
      if (excluded.empty()) return positive;
      if (positive.empty()) positive = Xapian::Query::MatchAll;
      return Xapian::Query(Xapian::Query::OP_AND_NOT, positive,
                           combine(Xapian::Query::OP_OR, excluded));
    }
  }
  return Xapian::Query();
}

// An OR or AND of a query with itself is the query (ranked, it only doubled
// the weight, at the cost of a second posting list read in full). The
// description is the query's whole content, so two clauses written
// differently that mean the same ("Washington washington") are one.
Queries QueryBuilder::distinct_parts(std::span<const QueryNode> children, const Context& context) {
  Queries parts;
  std::set<std::string> seen;
  for (const QueryNode& child : children) {
    const std::size_t words_before = context.words->size();
    Xapian::Query part = node(child, context);
    if (part.empty()) continue;
    if (!seen.insert(part.get_description()).second) {
      context.words->resize(words_before);  // one word, not two, for spelling and ranking
      continue;
    }
    parts.push_back(std::move(part));
  }
  return parts;
}

bool QueryBuilder::keeps_stopword(const std::string& term) {
  if (kept_stopwords_.contains(term)) return true;
  if (kept_stopwords_.size() >= kMaxStopwordOnlyWords) return false;
  kept_stopwords_.insert(term);
  return true;
}

// Clauses of a sequence: plain ones rank (OR), +required ones must match,
// -excluded ones must not; lang: clauses filter. "-x" alone means every
// document without x.
Xapian::Query QueryBuilder::sequence(const QueryNode& n, const Context& context) {
  Queries optional, required, excluded, languages, filters;
  Context negated = context;
  negated.negated = true;
  std::set<std::string> seen;  // modifier and description (see distinct_parts)
  for (const QueryNode& child : n.children) {
    const bool excludes = child.modifier == QueryNode::Modifier::kExcluded;
    if (child.kind == QueryNode::Kind::kLanguage && !excludes) {
      languages.push_back(language_term(child.text));
      continue;
    }
    if (child.kind == QueryNode::Kind::kField && !excludes) {
      if (Xapian::Query filter = field_node(child); !filter.empty()) filters.push_back(filter);
      continue;
    }
    const std::size_t words_before = context.words->size();
    Xapian::Query part = node(child, excludes ? negated : context);
    if (part.empty()) continue;
    if (!seen.insert(static_cast<char>('0' + static_cast<int>(child.modifier)) +
                     part.get_description())
             .second) {
      context.words->resize(words_before);
      continue;
    }
    switch (child.modifier) {
      case QueryNode::Modifier::kNone:
        optional.push_back(std::move(part));
        break;
      case QueryNode::Modifier::kRequired:
        required.push_back(std::move(part));
        break;
      case QueryNode::Modifier::kExcluded:
        excluded.push_back(std::move(part));
        break;
    }
  }
  if (context.terms != nullptr && !context.negated && expansion_.transliterate) {
    add_joined_name_keys(n.children, *context.terms, optional);
  }
  Xapian::Query query;
  if (!required.empty()) {
    query = combine(Xapian::Query::OP_AND, required);
    if (!optional.empty()) {
      query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                            combine(Xapian::Query::OP_OR, optional));
    }
  } else if (!optional.empty()) {
    query = combine(Xapian::Query::OP_OR, optional);
  } else if (!languages.empty() || !excluded.empty() || !filters.empty()) {
    query = Xapian::Query::MatchAll;
  } else {
    return query;
  }
  if (!languages.empty()) {
    query =
        Xapian::Query(Xapian::Query::OP_FILTER, query, combine(Xapian::Query::OP_OR, languages));
  }
  if (!filters.empty()) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, combine(Xapian::Query::OP_AND, filters));
  }
  if (!excluded.empty()) {
    query =
        Xapian::Query(Xapian::Query::OP_AND_NOT, query, combine(Xapian::Query::OP_OR, excluded));
  }
  return query;
}

namespace {

// A plain word of Latin letters only, lower-cased; empty for anything else.
std::string latin_letters(const QueryNode& n) {
  if (n.kind != QueryNode::Kind::kWord || n.modifier != QueryNode::Modifier::kNone ||
      n.field != QueryNode::Field::kAny) {
    return {};
  }
  std::string out;
  for (char c : n.text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c < 'a' || c > 'z') return {};
    out.push_back(c);
  }
  return out;
}

}  // namespace

// Arabic writes some two-word Latin names as one word (New York / نيويورك):
// two adjacent plain Latin words also look for the Arabic keys of the two
// written together, as one more optional clause.
void QueryBuilder::add_joined_name_keys(std::span<const QueryNode> children, QueryTerms& terms,
                                        std::vector<Xapian::Query>& optional) {
  for (std::size_t i = 0; i + 1 < children.size(); ++i) {
    const std::string first = latin_letters(children[i]);
    const std::string second = latin_letters(children[i + 1]);
    if (first.empty() || second.empty() || is_stopword_in_any_language(first) ||
        is_stopword_in_any_language(second)) {
      continue;
    }
    std::vector<Xapian::Query> forms;
    for (const std::string& key : name_query_keys(first + second)) {
      for (const std::string& form : name_key_forms(key)) {
        std::string term(schema::kArabicNameKeyPrefix);
        term.append(form);
        forms.emplace_back(term);
        terms.add_name_key(std::move(term));
      }
    }
    if (!forms.empty()) optional.push_back(synonym_group(std::move(forms)));
  }
}

Xapian::Query QueryBuilder::word_node(const QueryNode& n, const Context& context) {
  struct Piece {
    std::size_t begin, end;  // in n.text
    std::string term;
    bool stopword;
  };
  std::vector<Piece> pieces;
  TokenStream tokens = analysis_.analyze(n.text, Language::kUnknown);
  while (const Token* token = tokens.next()) {
    count_terms(1, n.offset + token->begin);
    pieces.push_back({token->begin, token->end, std::string(token->term),
                      is_stopword_in_any_language(token->term) ||
                          (weights_.drop_question_words && is_question_word(token->term))});
  }
  if (pieces.empty()) return Xapian::Query();
  QueryTerms scratch;
  QueryTerms& terms = context.negated ? scratch : *context.terms;
  terms.begin_word();
  if (n.field != QueryNode::Field::kAny) {
    // Title and text-field terms are unstemmed and carry no positions: all
    // words must be there.
    const std::string prefix = field_prefix(n);
    Queries parts;
    for (const Piece& piece : pieces) {
      parts.emplace_back(prefix + piece.term);
      terms.add_exact(piece.term);
    }
    return combine(Xapian::Query::OP_AND, parts);
  }
  if (pieces.size() > 1) {
    // Words joined by punctuation ("Kazakh-Israeli", "U.S.-Kazakh") are a phrase.
    Queries parts;
    for (const Piece& piece : pieces) {
      parts.emplace_back(piece.term);
      terms.add_exact(piece.term);
    }
    return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(), parts.size());
  }
  const Piece& only = pieces.front();
  if (only.stopword && n.modifier == QueryNode::Modifier::kNone) {
    if (context.drop_stopwords) {
      saw_stopword_ = true;
      return Xapian::Query();
    }
    if (!keeps_stopword(only.term)) return Xapian::Query();
  }
  Xapian::Query native;
  std::string exact;
  Xapian::Query query = word(std::string_view(n.text).substr(only.begin, only.end - only.begin),
                             terms, &native, &exact);
  if (!context.negated && !query.empty()) {
    context.words->push_back({n.offset + only.begin, only.end - only.begin, native, exact});
  }
  return query;
}

Xapian::Query QueryBuilder::phrase_node(const QueryNode& n, const Context& context) {
  const std::vector<std::string> exact = exact_terms(n.text, n.offset);
  if (exact.empty()) return Xapian::Query();
  QueryTerms scratch;
  QueryTerms& terms = context.negated ? scratch : *context.terms;
  terms.begin_word();
  Queries parts;
  const std::string prefix = field_prefix(n);
  for (const std::string& term : exact) {
    // A title or text field has no positions: its phrase asks for all its words.
    parts.emplace_back(prefix + term);
    terms.add_exact(term);
  }
  if (parts.size() == 1 || n.field != QueryNode::Field::kAny) {
    return combine(Xapian::Query::OP_AND, parts);
  }
  // Unstemmed terms carry positions and keep stopwords: "the state of the art".
  return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(), parts.size());
}

std::vector<std::string> QueryBuilder::exact_terms(std::string_view text, std::size_t base) {
  std::vector<std::string> out;
  TokenStream tokens = analysis_.analyze(text, Language::kUnknown);
  while (const Token* token = tokens.next()) {
    count_terms(1, base + token->begin);
    out.emplace_back(token->term);
  }
  return out;
}

void QueryBuilder::count_terms(std::size_t added, std::size_t offset) {
  term_count_ += added;
  if (term_count_ > kMaxQueryWords) {
    throw QueryError("too many words (at most " + std::to_string(kMaxQueryWords) + ") at byte " +
                         std::to_string(offset),
                     offset);
  }
}

}  // namespace lisan::internal
