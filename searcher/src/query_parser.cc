#include "query_parser.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "lisan/analyzers/error.h"
#include "lisan/analyzers/language.h"
#include "lisan/searcher/errors.h"

namespace lisan::internal {
namespace {

// ---------------------------------------------------------------- lexer --

struct Lexeme {
  enum class Type { kWord, kPhrase, kLanguage, kOpen, kClose, kAnd, kOr, kNot, kFilter };
  Type type = Type::kWord;
  QueryNode::Field field = QueryNode::Field::kAny;
  QueryNode::Modifier modifier = QueryNode::Modifier::kNone;
  std::string_view text;
  std::size_t offset = 0;                // of `text`, or of the operator / parenthesis
  std::size_t start = 0;                 // of the whole lexeme, modifier and field included
  const FieldSpec* spec = nullptr;       // kFilter, and words of a text field
  std::vector<std::string_view> values;  // kFilter
};

[[noreturn]] void fail(const std::string& what, std::size_t offset) {
  throw QueryError(what + " at byte " + std::to_string(offset), offset);
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Quotes: ASCII " and the typographic “ ” (U+201C, U+201D) that word
// processors and phone keyboards put in pasted queries. Returns the length of
// the quote starting at `at`, 0 if none.
std::size_t quote_length(std::string_view q, std::size_t at) {
  if (q[at] == '"') return 1;
  if (q.size() - at >= 3 && q[at] == '\xE2' && q[at + 1] == '\x80' &&
      (q[at + 2] == '\x9C' || q[at + 2] == '\x9D')) {
    return 3;
  }
  return 0;
}

bool ends_word(std::string_view q, std::size_t at) {
  return is_space(q[at]) || q[at] == '(' || q[at] == ')' || quote_length(q, at) > 0;
}

bool starts_with_field(std::string_view word, std::string_view field) {
  if (word.size() <= field.size() || word[field.size()] != ':') return false;
  for (std::size_t i = 0; i < field.size(); ++i) {
    char c = word[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != field[i]) return false;
  }
  return true;
}

// A name that may be a field's: an ASCII letter, then letters, digits or _.
bool could_be_field_name(std::string_view name) {
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (name.empty() || !letter(name.front())) return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return letter(c) || (c >= '0' && c <= '9') || c == '_'; });
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// ", the fields of this index: a, b, c" for an error message.
std::string known_fields(const FieldSchema& fields) {
  std::string list;
  for (const FieldSpec& field : fields.fields()) list += (list.empty() ? "" : ", ") + field.name;
  return " (the fields of this index: " + list + "; lang:, title:)";
}

// Whether one end of a range (or a single value) of a number or date field is well-formed.
bool is_valid_end(const FieldSpec& field, std::string_view end) {
  if (field.type == FieldType::kNumber) return parse_field_number(end).has_value();
  return parse_field_date(end).has_value();
}

class Lexer {
 public:
  static constexpr std::size_t kMaxLexemes = 4 * kMaxQueryWords;

  Lexer(std::string_view query, const FieldSchema& fields) : q_(query), fields_(fields) {}

  std::vector<Lexeme> run() {
    std::vector<Lexeme> out;
    while (true) {
      while (at_ < q_.size() && is_space(q_[at_])) ++at_;
      if (at_ == q_.size()) break;
      if (std::optional<Lexeme> lexeme = next()) {
        // Words are counted in count_word; this bounds the rest ("((((", ")))").
        if (out.size() == kMaxLexemes) {
          fail("query too complex (more than " + std::to_string(kMaxLexemes) +
                   " words, operators and parentheses)",
               lexeme->start);
        }
        out.push_back(*lexeme);
      }
    }
    return out;
  }

 private:
  std::optional<Lexeme> next() {
    Lexeme lexeme;
    lexeme.start = at_;
    if (q_[at_] == '(' || q_[at_] == ')') {
      lexeme.type = q_[at_] == '(' ? Lexeme::Type::kOpen : Lexeme::Type::kClose;
      lexeme.offset = at_++;
      return lexeme;
    }
    if (q_[at_] == '+' || q_[at_] == '-') {
      // "+" or "-" before a space (or at the end) is punctuation: "a - b".
      if (at_ + 1 == q_.size() || is_space(q_[at_ + 1]) || q_[at_ + 1] == ')') {
        ++at_;
        return std::nullopt;
      }
      lexeme.modifier =
          q_[at_] == '+' ? QueryNode::Modifier::kRequired : QueryNode::Modifier::kExcluded;
      ++at_;
      if (q_[at_] == '(') {  // +( … ) and -( … ): the modifier goes on the group
        lexeme.type = Lexeme::Type::kOpen;
        lexeme.offset = at_++;
        return lexeme;
      }
    }
    if (quote_length(q_, at_) > 0) {
      read_phrase(lexeme);
      return lexeme;
    }
    const std::size_t begin = at_;
    while (at_ < q_.size() && !ends_word(q_, at_)) ++at_;
    const std::string_view word = q_.substr(begin, at_ - begin);
    lexeme.offset = begin;
    lexeme.text = word;
    if (lexeme.modifier == QueryNode::Modifier::kNone) {
      if (word == "AND") lexeme.type = Lexeme::Type::kAnd;
      if (word == "OR") lexeme.type = Lexeme::Type::kOr;
      if (word == "NOT") lexeme.type = Lexeme::Type::kNot;
      if (lexeme.type != Lexeme::Type::kWord) return lexeme;
    }
    if (starts_with_field(word, "lang")) {
      lexeme.type = Lexeme::Type::kLanguage;
      lexeme.text = word.substr(5);
      lexeme.offset = begin + 5;
      if (!parse_language(lexeme.text)) {
        fail("unknown language \"" + std::string(lexeme.text) +
                 "\" (use lang:ar, lang:id or lang:en)",
             lexeme.offset);
      }
      return lexeme;
    }
    if (word.size() == 6 && starts_with_field(word, "title")) {
      // "title:" directly followed by a quote, a parenthesis or nothing.
      if (at_ < q_.size() && quote_length(q_, at_) > 0) {
        lexeme.field = QueryNode::Field::kTitle;
        read_phrase(lexeme);
        return lexeme;
      }
      fail("title: must be followed by a word or a \"phrase\"", at_);
    }
    if (starts_with_field(word, "title")) {
      lexeme.field = QueryNode::Field::kTitle;
      lexeme.text = word.substr(6);
      lexeme.offset = begin + 6;
    } else if (read_field_reference(lexeme, word, begin)) {
      return lexeme;
    }
    count_word(lexeme.offset);
    return lexeme;
  }

  // `word` (at `begin`) as name:…, when the name may be a field and a value
  // follows (see query_parser.h); false for a plain word. The value is the
  // rest of the word, or a quoted value or a (list) right after the colon.
  bool read_field_reference(Lexeme& lexeme, std::string_view word, std::size_t begin) {
    const std::size_t colon = word.find(':');
    if (colon == std::string_view::npos || !could_be_field_name(word.substr(0, colon))) {
      return false;
    }
    const std::string_view value = word.substr(colon + 1);
    const bool quoted = value.empty() && at_ < q_.size() && quote_length(q_, at_) > 0;
    const bool listed = value.empty() && at_ < q_.size() && q_[at_] == '(';
    if (value.empty() ? !quoted && !listed : value.front() == '/') return false;
    const std::string name = lowercase(word.substr(0, colon));
    lexeme.spec = fields_.find(name);
    if (lexeme.spec == nullptr)
      fail("unknown field \"" + name + "\"" + known_fields(fields_), begin);
    lexeme.offset = begin + colon + 1;
    lexeme.text = value;
    if (lexeme.spec->type == FieldType::kText) {
      lexeme.field = QueryNode::Field::kNamed;
      if (listed) fail(name + ": must be followed by a word or a \"phrase\"", at_);
      if (quoted) {
        read_phrase(lexeme);
      } else {
        count_word(lexeme.offset);
      }
      return true;
    }
    lexeme.type = Lexeme::Type::kFilter;
    count_word(lexeme.offset);
    if (listed) {
      read_value_list(lexeme);
    } else if (quoted) {
      read_phrase(lexeme);
      lexeme.type = Lexeme::Type::kFilter;
      lexeme.values.push_back(lexeme.text);
    } else {
      lexeme.values.push_back(value);
    }
    for (std::string_view one : lexeme.values) check_value(*lexeme.spec, one);
    return true;
  }

  // At "(" after "name:": values up to ")", separated by spaces or OR.
  void read_value_list(Lexeme& lexeme) {
    const std::size_t open = at_++;
    while (true) {
      while (at_ < q_.size() && is_space(q_[at_])) ++at_;
      if (at_ == q_.size()) fail("unbalanced '(': it is never closed", open);
      if (q_[at_] == ')') break;
      const std::size_t value_begin = at_;
      while (at_ < q_.size() && !is_space(q_[at_]) && q_[at_] != ')') ++at_;
      const std::string_view value = q_.substr(value_begin, at_ - value_begin);
      if (value == "OR") continue;
      count_word(value_begin);
      lexeme.values.push_back(value);
    }
    ++at_;
    if (lexeme.values.empty()) fail("empty parentheses", open);
  }

  // Refuses a value (a view into the query) that does not fit the field.
  void check_value(const FieldSpec& field, std::string_view value) const {
    const auto offset = static_cast<std::size_t>(value.data() - q_.data());
    if (field.type == FieldType::kKeyword) {
      if (std::string why = check_field_value(field, value); !why.empty()) {
        fail(field.name + ": " + why, offset);
      }
      return;
    }
    const auto [low, high] = split_range(value);
    if (low.empty() && high.empty()) {
      fail(field.name + ": a range needs a low or a high end (low..high, low.., ..high)", offset);
    }
    for (std::string_view end : {low, high}) {
      if (end.empty() || is_valid_end(field, end)) continue;
      fail(field.name + ": \"" + std::string(end) +
               (field.type == FieldType::kNumber
                    ? "\" is not a number"
                    : "\" is not a date (2025, 2025-11, 2025-11-03, 2025-11-03T10:30:00Z)"),
           static_cast<std::size_t>(end.data() - q_.data()));
    }
  }

  // At an opening quote: the phrase runs to the next quote.
  void read_phrase(Lexeme& lexeme) {
    const std::size_t open = at_;
    at_ += quote_length(q_, at_);
    const std::size_t begin = at_;
    bool in_word = false;
    while (at_ < q_.size() && quote_length(q_, at_) == 0) {
      const bool space = is_space(q_[at_]);
      if (!space && !in_word) count_word(at_);
      in_word = !space;
      ++at_;
    }
    if (at_ == q_.size()) fail("unbalanced quote: the phrase opened here is not closed", open);
    lexeme.type = Lexeme::Type::kPhrase;
    lexeme.text = q_.substr(begin, at_ - begin);
    lexeme.offset = begin;
    at_ += quote_length(q_, at_);
  }

  void count_word(std::size_t offset) {
    if (++words_ > kMaxQueryWords) {
      fail("too many words (at most " + std::to_string(kMaxQueryWords) + ")", offset);
    }
  }

  std::string_view q_;
  const FieldSchema& fields_;
  std::size_t at_ = 0;
  std::size_t words_ = 0;
};

// --------------------------------------------------------------- parser --

const char* operator_name(Lexeme::Type type) {
  switch (type) {
    case Lexeme::Type::kAnd:
      return "AND";
    case Lexeme::Type::kOr:
      return "OR";
    case Lexeme::Type::kNot:
      return "NOT";
    default:
      return "?";
  }
}

QueryNode list_node(QueryNode::Kind kind, std::size_t offset) {
  QueryNode node;
  node.kind = kind;
  node.offset = offset;
  return node;
}

bool is_operator(Lexeme::Type type) {
  return type == Lexeme::Type::kAnd || type == Lexeme::Type::kOr || type == Lexeme::Type::kNot;
}

// Recursive descent over the lexemes. Recursion happens only at "(", and
// `depth_` refuses more than kMaxQueryDepth open parentheses.
class Parser {
 public:
  explicit Parser(std::vector<Lexeme> lexemes) : lexemes_(std::move(lexemes)) {}

  QueryNode run() {
    if (lexemes_.empty()) return list_node(QueryNode::Kind::kSequence, 0);
    QueryNode root = parse_or();
    if (at_ < lexemes_.size()) {
      // Only a ")" can stop parse_or before the end.
      fail("unbalanced ')': no '(' before it", lexemes_[at_].offset);
    }
    return root;
  }

 private:
  const Lexeme* peek() const { return at_ < lexemes_.size() ? &lexemes_[at_] : nullptr; }

  bool at(Lexeme::Type type) const { return peek() != nullptr && peek()->type == type; }

  // An operand must follow the operator just read.
  void expect_operand(const Lexeme& op) const {
    const Lexeme* next = peek();
    if (next == nullptr || is_operator(next->type) || next->type == Lexeme::Type::kClose) {
      fail(std::string(operator_name(op.type)) + " needs a word or group after it", op.offset);
    }
  }

  // Joins `operand` into `list` of `kind`, flattening (a OR b) OR c.
  static void join(QueryNode& list, QueryNode operand) {
    if (operand.kind == list.kind && operand.modifier == QueryNode::Modifier::kNone &&
        list.kind != QueryNode::Kind::kAndNot) {
      for (QueryNode& child : operand.children) list.children.push_back(std::move(child));
    } else {
      list.children.push_back(std::move(operand));
    }
  }

  template <typename Operand>
  QueryNode parse_binary(Lexeme::Type op, QueryNode::Kind kind, Operand operand) {
    QueryNode first = operand();
    if (!at(op)) return first;
    QueryNode list = list_node(kind, first.offset);
    join(list, std::move(first));
    while (at(op)) {
      const Lexeme& op_lexeme = lexemes_[at_++];
      expect_operand(op_lexeme);
      join(list, operand());
    }
    return list;
  }

  QueryNode parse_or() {
    return parse_binary(Lexeme::Type::kOr, QueryNode::Kind::kOr, [this] { return parse_and(); });
  }
  QueryNode parse_and() {
    return parse_binary(Lexeme::Type::kAnd, QueryNode::Kind::kAnd, [this] { return parse_not(); });
  }
  QueryNode parse_not() {
    return parse_binary(Lexeme::Type::kNot, QueryNode::Kind::kAndNot,
                        [this] { return parse_sequence(); });
  }

  QueryNode parse_sequence() {
    const Lexeme* first = peek();
    if (first != nullptr && is_operator(first->type)) {
      fail(std::string(operator_name(first->type)) + " needs a word or group before it",
           first->offset);
    }
    QueryNode sequence = list_node(QueryNode::Kind::kSequence, first ? first->start : 0);
    while (const Lexeme* next = peek()) {
      if (is_operator(next->type) || next->type == Lexeme::Type::kClose) break;
      sequence.children.push_back(parse_clause());
    }
    if (sequence.children.size() == 1 &&
        sequence.children[0].modifier == QueryNode::Modifier::kNone) {
      return std::move(sequence.children[0]);
    }
    return sequence;
  }

  QueryNode parse_clause() {
    const Lexeme lexeme = lexemes_[at_++];
    QueryNode node;
    node.modifier = lexeme.modifier;
    node.field = lexeme.field;
    node.text = std::string(lexeme.text);
    node.offset = lexeme.offset;
    if (lexeme.field == QueryNode::Field::kNamed) node.field_name = lexeme.spec->name;
    switch (lexeme.type) {
      case Lexeme::Type::kWord:
        node.kind = QueryNode::Kind::kWord;
        return node;
      case Lexeme::Type::kPhrase:
        node.kind = QueryNode::Kind::kPhrase;
        return node;
      case Lexeme::Type::kLanguage:
        node.kind = QueryNode::Kind::kLanguage;
        return node;
      case Lexeme::Type::kFilter:
        node.kind = QueryNode::Kind::kField;
        node.text = lexeme.spec->name;
        node.values.assign(lexeme.values.begin(), lexeme.values.end());
        return node;
      case Lexeme::Type::kOpen:
        return parse_group(lexeme);
      default:
        break;  // operators and ")" never reach here (see parse_sequence)
    }
    fail("unexpected input", lexeme.offset);
  }

  QueryNode parse_group(const Lexeme& open) {
    if (++depth_ > kMaxQueryDepth) {
      fail("parentheses nested too deep (at most " + std::to_string(kMaxQueryDepth) + ")",
           open.offset);
    }
    if (peek() == nullptr) fail("unbalanced '(': it is never closed", open.offset);
    if (at(Lexeme::Type::kClose)) fail("empty parentheses", open.offset);
    QueryNode inner = parse_or();
    if (!at(Lexeme::Type::kClose)) fail("unbalanced '(': it is never closed", open.offset);
    ++at_;
    --depth_;
    if (open.modifier != QueryNode::Modifier::kNone) {
      if (inner.modifier != QueryNode::Modifier::kNone) {
        // +(-a) and the like: keep both by wrapping the inner clause.
        QueryNode wrapper = list_node(QueryNode::Kind::kSequence, inner.offset);
        wrapper.children.push_back(std::move(inner));
        inner = std::move(wrapper);
      }
      inner.modifier = open.modifier;
    }
    return inner;
  }

  std::vector<Lexeme> lexemes_;
  std::size_t at_ = 0;
  std::size_t depth_ = 0;
};

void describe_into(const QueryNode& node, std::string& out) {
  if (node.modifier == QueryNode::Modifier::kRequired) out += '+';
  if (node.modifier == QueryNode::Modifier::kExcluded) out += '-';
  if (node.field == QueryNode::Field::kTitle) out += "title:";
  if (node.field == QueryNode::Field::kNamed) out += node.field_name + ":";
  const char* list = nullptr;
  switch (node.kind) {
    case QueryNode::Kind::kWord:
      out += node.text;
      return;
    case QueryNode::Kind::kPhrase:
      out += '"' + node.text + '"';
      return;
    case QueryNode::Kind::kLanguage:
      out += "lang:" + node.text;
      return;
    case QueryNode::Kind::kField:
      out += node.text + ":";
      if (node.values.size() == 1) {
        out += node.values.front();
        return;
      }
      out += '(';
      for (std::size_t i = 0; i < node.values.size(); ++i) {
        out += (i > 0 ? " OR " : "") + node.values[i];
      }
      out += ')';
      return;
    case QueryNode::Kind::kSequence:
      list = "SEQ";
      break;
    case QueryNode::Kind::kAnd:
      list = "AND";
      break;
    case QueryNode::Kind::kOr:
      list = "OR";
      break;
    case QueryNode::Kind::kAndNot:
      list = "NOT";
      break;
  }
  out += '(';
  out += list;
  for (const QueryNode& child : node.children) {
    out += ' ';
    describe_into(child, out);
  }
  out += ')';
}

}  // namespace

QueryNode parse_query(std::string_view query, const FieldSchema& fields) {
  return Parser(Lexer(query, fields).run()).run();
}

std::pair<std::string_view, std::string_view> split_range(std::string_view value) {
  const std::size_t dots = value.find("..");
  if (dots == std::string_view::npos) return {value, value};
  return {value.substr(0, dots), value.substr(dots + 2)};
}

std::string describe(const QueryNode& node) {
  std::string out;
  describe_into(node, out);
  return out;
}

}  // namespace lisan::internal
