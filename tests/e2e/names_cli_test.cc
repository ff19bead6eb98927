// End-to-end: issue 25's hand-tried names with the real `lisan` binary, both
// directions: each Arabic spelling (with its proclitics) in an Arabic news
// sentence, each Latin one in an English sentence, then `lisan search`.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/run_command.h"

namespace lisan {
namespace {

using testing::run_lisan;
using testing::TempDir;
using Json = nlohmann::json;

struct NameCase {
  const char* latin;   // the query, and the English document's spelling
  const char* arabic;  // as an Arabic article writes it
};

constexpr NameCase kCases[] = {
    {"Tokayev", "وتوكاييف"},   {"Tokayev", "لتوكاييف"}, {"Tokayev", "بتوكاييف"},
    {"Tokayev", "والتوكاييف"}, {"Putin", "وبوتين"},     {"Reuters", "رويترز"},
    {"Facebook", "فيسبوك"},    {"Google", "غوغل"},      {"New York", "نيويورك"},
    {"Elon", "إيلون"},
};

std::string arabic_id(std::size_t i) { return "ar-" + std::to_string(i); }

class HandTriedNamesCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    std::string jsonl;
    auto add = [&jsonl](const std::string& id, const std::string& lang, const std::string& text) {
      jsonl += Json{{"id", id}, {"lang", lang}, {"title", "-"}, {"text", text}}.dump() + "\n";
    };
    for (std::size_t i = 0; i < std::size(kCases); ++i) {
      add(arabic_id(i), "ar",
          std::string("قال المتحدث إن ") + kCases[i].arabic + " سيكون حاضرا في الاجتماع المقبل.");
    }
    for (const char* latin : {"Tokayev", "Putin", "Reuters", "Facebook", "Google", "Elon"}) {
      add(std::string("en-") + latin, "en",
          std::string("The spokesman said ") + latin + " would attend the next meeting.");
    }
    // Ordinary news in both scripts: found by none of the names.
    add("ar-other", "ar", "ارتفعت أسعار النفط في الأسواق العالمية بعد الاجتماع.");
    add("en-other", "en", "Oil prices rose on world markets after the meeting.");
    const auto indexed = run_lisan({"index", "--db", db(), "-"}, jsonl);
    ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
  }
  static void TearDownTestSuite() { dir_.reset(); }

  static std::string db() { return *dir_ / "db"; }

  // The ids `lisan search` returns for `query` among documents of `lang`.
  static std::vector<std::string> found(const std::string& query, const std::string& lang) {
    const auto result = run_lisan({"search", "--db", db(), "--json", "--lang", lang, query});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    const Json out = Json::parse(result.out);  // a temporary would not outlive the loop
    std::vector<std::string> ids;
    for (const Json& hit : out["results"]) ids.push_back(hit["id"]);
    return ids;
  }

  static std::unique_ptr<TempDir> dir_;
};

std::unique_ptr<TempDir> HandTriedNamesCli::dir_;

bool has(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

TEST_F(HandTriedNamesCli, EveryLatinNameFindsItsArabicSpellings) {
  for (std::size_t i = 0; i < std::size(kCases); ++i) {
    const std::vector<std::string> ids = found(kCases[i].latin, "ar");
    EXPECT_TRUE(has(ids, arabic_id(i))) << kCases[i].latin << " → " << kCases[i].arabic;
    EXPECT_FALSE(has(ids, "ar-other")) << kCases[i].latin;
  }
}

// The ordinary words around the names (الاجتماع, "the meeting") have no
// key: a name finds only the documents that hold it.
TEST_F(HandTriedNamesCli, ANameFindsNothingElse) {
  const std::vector<std::string> ids = found("Putin", "ar");
  EXPECT_EQ(ids, std::vector<std::string>{arabic_id(4)});
}

TEST_F(HandTriedNamesCli, EveryArabicSpellingFindsTheLatinName) {
  for (const NameCase& name : kCases) {
    if (std::string(name.latin).find(' ') != std::string::npos) continue;  // below
    const std::vector<std::string> ids = found(name.arabic, "en");
    ASSERT_FALSE(ids.empty()) << name.arabic;
    EXPECT_EQ(ids.front(), std::string("en-") + name.latin) << name.arabic;
    EXPECT_FALSE(has(ids, "en-other")) << name.arabic;
  }
}

}  // namespace
}  // namespace lisan
