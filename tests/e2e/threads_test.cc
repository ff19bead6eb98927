// The libraries' thread-safety claims, exercised with threads (and checked
// for data races when built with -fsanitize=thread): one Searcher per thread
// and one Indexer writing, all on the same index, share nothing unguarded.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "lisan/indexer/indexer.h"
#include "lisan/searcher/searcher.h"
#include "support/run_command.h"

namespace lisan {
namespace {

using testing::TempDir;

SourceDocument numbered_document(int n) {
  static constexpr const char* kTexts[] = {
      "Pemerintah mengumumkan kebijakan baru untuk masyarakat dan kerjasama ekonomi",
      "The government announced a new policy for economic cooperation with Kazakhstan",
      "أعلنت الحكومة سياسة جديدة للتعاون الاقتصادي مع كازاخستان",
  };
  SourceDocument doc;
  doc.id = "doc-" + std::to_string(n);
  doc.text = std::string(kTexts[n % 3]) + " nomor" + std::to_string(n);
  return doc;
}

TEST(Threads, SearchersInThreadsWhileAnIndexerCommits) {
  TempDir dir;
  {
    Indexer seed(dir / "db");
    for (int n = 0; n < 30; ++n) seed.add_document(numbered_document(n));
    seed.finish();
  }
  constexpr int kSearchers = 3;
  std::atomic<bool> writing{true};
  std::atomic<int> failures{0};
  std::atomic<int> searches{0};
  std::atomic<int> ready{0};
  std::mutex error_mutex;
  std::string first_error;
  std::vector<std::thread> threads;
  for (int t = 0; t < kSearchers; ++t) {
    threads.emplace_back([&, t] {
      Searcher searcher({dir / "db"});  // one per thread, as documented
      const char* queries[] = {"pemerintah kebijakan", "government policy", "كازاخستان"};
      bool first = true;
      do {
        std::string error;
        try {
          if (searcher.search(queries[t % 3]).hits.empty()) error = "no hits";
          ++searches;
        } catch (const std::exception& e) {
          error = e.what();
        }
        if (!error.empty()) {
          ++failures;
          const std::lock_guard<std::mutex> lock(error_mutex);
          if (first_error.empty()) first_error = std::string(queries[t % 3]) + ": " + error;
        }
        if (first) ++ready;
        first = false;
      } while (writing.load());
    });
  }
  // The writer starts once every searcher is searching, so that they overlap.
  while (ready.load() < kSearchers) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  IndexOptions options;
  options.batch_documents = 25;
  {
    Indexer writer(dir / "db", options);
    for (int n = 30; n < 600; ++n) writer.add_document(numbered_document(n));
    writer.finish();
  }
  writing.store(false);
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0) << first_error;
  EXPECT_GE(searches.load(), kSearchers);
  Searcher after({dir / "db"});
  EXPECT_EQ(after.info().documents, 600u);
}

TEST(Threads, IndexersOnSeparateIndexesInThreads) {
  TempDir dir;
  std::vector<std::thread> threads;
  std::atomic<int> added{0};
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&, t] {
      Indexer indexer(dir / ("db" + std::to_string(t)));
      for (int n = 0; n < 100; ++n) indexer.add_document(numbered_document(n + t));
      added += static_cast<int>(indexer.finish().added);
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(added.load(), 300);
}

}  // namespace
}  // namespace lisan
