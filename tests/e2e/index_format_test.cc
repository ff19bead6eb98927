// docs/INDEX_FORMAT.md against a real index of corpus/: the term prefixes
// (as xapian-delve lists the terms), value slots (as xapian-delve shows
// them), document data fields and metadata keys it documents are exactly
// the ones present.
#include <gtest/gtest.h>
#include <xapian.h>

#include <cctype>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "support/corpus_index_fixture.h"
#include "support/run_command.h"

namespace lisan {
namespace {

using testing::run_lisan;
using testing::run_program;
using testing::TempDir;

// The first cell of every table row in the section titled `heading`, with
// its backticks removed; rows that say "Optional" go to `optional` instead.
std::set<std::string> documented(const std::string& heading, std::set<std::string>* optional) {
  std::istringstream doc(testing::read_file(LISAN_INDEX_FORMAT_DOC));
  std::set<std::string> names;
  bool in_section = false;
  for (std::string line; std::getline(doc, line);) {
    if (line.starts_with("## ")) in_section = line == "## " + heading;
    if (!in_section || !line.starts_with("| ") || line.starts_with("|---")) continue;
    const std::size_t end = line.find(" |", 2);
    std::string cell = line.substr(2, end - 2);
    if (cell.size() < 2 || cell.front() != '`') continue;  // the header row, or "(none)"
    cell = cell.substr(1, cell.size() - 2);
    if (optional != nullptr && line.find("Optional") != std::string::npos) {
      optional->insert(cell);
    } else {
      names.insert(cell);
    }
  }
  return names;
}

// Omega's rule: a term's prefix is its leading run of capital ASCII letters.
std::string prefix_of(const std::string& term) {
  std::size_t n = 0;
  while (n < term.size() && term[n] >= 'A' && term[n] <= 'Z') ++n;
  return term.substr(0, n);
}

class IndexFormatDoc : public testing::CorpusIndexTest {};

TEST_F(IndexFormatDoc, TermPrefixesAreTheDocumentedOnes) {
  std::set<std::string> optional;
  const std::set<std::string> prefixes = documented("Terms", &optional);
  ASSERT_TRUE(prefixes.count("Q")) << "the table of prefixes was not found";
  const auto delve = run_program({"xapian-delve", "-a", db()});
  ASSERT_EQ(delve.exit_code, 0) << delve.err;
  const std::string listing = "All terms in database:";
  ASSERT_TRUE(delve.out.starts_with(listing)) << delve.out.substr(0, 200);
  std::istringstream terms(delve.out.substr(listing.size()));
  std::set<std::string> present;
  int unprefixed = 0;
  for (std::string term; terms >> term;) {
    const std::string prefix = prefix_of(term);
    if (prefix.empty()) {
      ++unprefixed;
    } else {
      present.insert(prefix);
    }
  }
  EXPECT_GT(unprefixed, 100) << "unprefixed, unstemmed words";
  for (const std::string& prefix : optional) present.erase(prefix);
  EXPECT_EQ(present, prefixes) << "documented (not optional) prefixes vs those in the index";
}

TEST_F(IndexFormatDoc, ValueSlotsAreTheDocumentedOnes) {
  std::istringstream doc(testing::read_file(LISAN_INDEX_FORMAT_DOC));
  std::set<std::string> present;
  const Xapian::Database xdb(db());
  for (Xapian::docid id = 1; id <= xdb.get_lastdocid(); ++id) {
    // xapian-delve prints "Values for record #N: 0:id 1:… 4:/path…".
    const auto delve = run_program({"xapian-delve", "-r", std::to_string(id), "-V", db()});
    ASSERT_EQ(delve.exit_code, 0) << delve.err;
    const std::string line = delve.out.substr(0, delve.out.find('\n'));
    std::istringstream values(line.substr(line.find(':') + 1));
    for (std::string value; values >> value;) {
      const std::size_t colon = value.find(':');
      if (colon != std::string::npos && colon > 0 &&
          value.find_first_not_of("0123456789") == colon) {
        present.insert(value.substr(0, colon));
      }
    }
  }
  // Slot numbers are documented in plain text (no backticks): read them.
  std::set<std::string> numbers;
  bool in_section = false;
  for (std::string line; std::getline(doc, line);) {
    if (line.starts_with("## ")) in_section = line == "## Value slots";
    if (in_section && line.size() > 3 && line.starts_with("| ") &&
        std::isdigit(static_cast<unsigned char>(line[2]))) {
      numbers.insert(line.substr(2, line.find(' ', 2) - 2));
    }
  }
  ASSERT_FALSE(numbers.empty()) << "the table of value slots was not found";
  EXPECT_EQ(present, numbers);
}

TEST_F(IndexFormatDoc, DocumentDataFieldsAreTheDocumentedOnes) {
  const std::set<std::string> fields = documented("Document data", nullptr);
  const Xapian::Database xdb(db());
  for (auto it = xdb.postlist_begin(""); it != xdb.postlist_end(""); ++it) {
    const nlohmann::json data = nlohmann::json::parse(xdb.get_document(*it).get_data());
    std::set<std::string> keys;
    for (const auto& [key, value] : data.items()) keys.insert(key);
    EXPECT_EQ(keys, fields);
  }
}

TEST_F(IndexFormatDoc, MetadataKeysAreTheDocumentedOnes) {
  const std::set<std::string> keys = documented("Metadata", nullptr);
  const Xapian::Database xdb(db());
  const std::set<std::string> present(xdb.metadata_keys_begin(), xdb.metadata_keys_end());
  EXPECT_EQ(present, keys);
}

}  // namespace
}  // namespace lisan
