#include "translation.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "lisan/analyzers/error.h"

namespace lisan::internal {

namespace {

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find(' ', at);
    if (end == std::string_view::npos) end = text.size();
    if (end > at) words.emplace_back(text.substr(at, end - at));
    at = end + 1;
  }
  return words;
}

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out.append(out.empty() ? "" : " ").append(w);
  return out;
}

}  // namespace

Lexicon Lexicon::parse(std::string_view text) {
  Lexicon lexicon;
  std::size_t line_number = 0;
  std::string_view fields[6];
  while (!text.empty()) {
    ++line_number;
    std::size_t end = text.find('\n');
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(text.size(), end + 1));
    if (line.empty()) continue;
    std::size_t count = 0;
    while (count < 6) {
      const std::size_t tab = line.find('\t');
      fields[count++] = line.substr(0, tab);
      if (tab == std::string_view::npos) break;
      line.remove_prefix(tab + 1);
    }
    const auto from = parse_language(fields[0]);
    const auto to = count == 6 ? parse_language(fields[2]) : std::nullopt;
    double weight = 0;
    const bool weight_ok =
        count == 6 &&
        std::from_chars(fields[3].data(), fields[3].data() + fields[3].size(), weight).ec ==
            std::errc();
    Translation t{to.value_or(Language::kUnknown), split_words(fields[4]), split_words(fields[5]),
                  weight};
    if (!from || !to || !weight_ok || fields[1].empty() || t.terms.empty() ||
        t.terms.size() != t.stems.size()) {
      throw InvalidArgument("malformed translation lexicon line " + std::to_string(line_number));
    }
    std::string key(language_code(*from));
    key.append(1, ' ').append(fields[1]);
    lexicon.entries_[key].push_back(std::move(t));
  }
  return lexicon;
}

std::string Lexicon::serialize() const {
  std::vector<const std::string*> keys;
  keys.reserve(entries_.size());
  for (const auto& entry : entries_) keys.push_back(&entry.first);
  std::sort(keys.begin(), keys.end(), [](auto* a, auto* b) { return *a < *b; });
  std::string out;
  char weight[32];
  for (const std::string* key : keys) {
    const std::size_t space = key->find(' ');
    for (const Translation& t : entries_.at(*key)) {
      std::snprintf(weight, sizeof weight, "%.4g", t.weight);
      out.append(*key, 0, space).append(1, '\t').append(*key, space + 1).append(1, '\t');
      out.append(language_code(t.language)).append(1, '\t').append(weight).append(1, '\t');
      out.append(join_words(t.terms)).append(1, '\t').append(join_words(t.stems)).append(1, '\n');
    }
  }
  return out;
}

std::span<const Translation> Lexicon::translate(Language from, std::string_view stem) const {
  std::string key(language_code(from));
  key.append(1, ' ').append(stem);
  const auto it = entries_.find(key);
  if (it == entries_.end()) return {};
  return it->second;
}

void Lexicon::add(std::string source_key, std::vector<Translation> translations) {
  entries_[std::move(source_key)] = std::move(translations);
}

}  // namespace lisan::internal
