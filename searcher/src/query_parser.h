// The query language: text → a small syntax tree (QueryNode). The tree says
// what the user asked for; QueryBuilder decides which index terms that means.
//
//   query    := or_expr
//   or_expr  := and_expr ("OR" and_expr)*
//   and_expr := not_expr ("AND" not_expr)*
//   not_expr := sequence ("NOT" sequence)*          a NOT b  =  a but not b
//   sequence := clause+                             ranked OR; +/- inside
//   clause   := ["+" | "-"] primary
//   primary  := WORD | "PHRASE" | title:WORD | title:"PHRASE" | lang:CODE | "(" or_expr ")"
//             | FIELD:VALUE | FIELD:"VALUE" | FIELD:(VALUE [OR] VALUE …)    keyword fields
//             | FIELD:LOW..HIGH | FIELD:LOW.. | FIELD:..HIGH | FIELD:VALUE  number, date
//             | FIELD:WORD | FIELD:"PHRASE"                                  text fields
//
// Operators are uppercase only ("and", "or", "not" are words: stopwords).
// As in Xapian's own parser, the implicit operator binds tightest:
// `a b AND c` is (a b) AND c.
//
// Malformed input is refused with QueryError naming the byte offset: an
// unbalanced quote or parenthesis, an operator with nothing on one side, an
// unknown language code. Two leniencies: a "+" or "-" followed by a space is
// punctuation and ignored, and "name:" is a plain word unless the name could
// be a field (a letter, then letters, digits or _) and a value follows that
// does not begin with "/" (so "http://x" or "10:30" stay searchable); such a
// name that is not a field of the index's schema is refused, as is a value
// that does not fit the field's type.
//
// Bounded work: parentheses nest at most kMaxQueryDepth deep and a query holds
// at most kMaxQueryWords words (phrase words included); beyond, QueryError.
// Parsing is linear in the query length and recursion is bounded by the depth
// limit, so any input (even megabytes) is parsed or refused quickly.
//
// Thread-safety: parse_query is a pure function.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "lisan/format/fields.h"

namespace lisan::internal {

inline constexpr std::size_t kMaxQueryDepth = 64;
inline constexpr std::size_t kMaxQueryWords = 512;

struct QueryNode {
  enum class Kind {
    kWord,      // text: one word as typed (may analyse into several tokens)
    kPhrase,    // text: the words between the quotes, as typed
    kLanguage,  // text: the language code ("ar", "id", "en", "und")
    kSequence,  // children: clauses combined by the default ranked OR
    kAnd,       // children: all must match
    kOr,        // children: any may match
    kAndNot,    // children[0] but none of children[1..]
    kField,     // text: a keyword, number or date field's name; values: any of them
  };
  // kNamed: a word or phrase of the text field `field_name`.
  enum class Field { kAny, kTitle, kNamed };
  enum class Modifier { kNone, kRequired, kExcluded };  // +x, -x in a sequence

  Kind kind = Kind::kWord;
  Field field = Field::kAny;
  Modifier modifier = Modifier::kNone;
  std::string text;
  std::size_t offset = 0;  // byte offset of `text` (of the node) in the query
  std::vector<QueryNode> children;
  std::string field_name;           // Field::kNamed
  std::vector<std::string> values;  // kField: values ("a"), ranges ("10..20", "2025-11..")
};

// Parses `query`. An empty (or blank) query gives an empty kSequence.
// Throws lisan::QueryError (with offset()) for malformed input.
// `fields` is the index's schema, which says which names are fields.
QueryNode parse_query(std::string_view query, const FieldSchema& fields = FieldSchema());

// Splits a number or date field's value at "..": {low, high}, either empty
// for an open end; a value without ".." is {value, value}.
std::pair<std::string_view, std::string_view> split_range(std::string_view value);

// A compact, stable rendering of the tree for tests and --explain, e.g.
// (AND (SEQ +word:a -"b c") (OR title:d lang:ar)).
std::string describe(const QueryNode& node);

}  // namespace lisan::internal
