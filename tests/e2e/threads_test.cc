// The thread-safety claims of docs/API.md, exercised with threads and checked
// for data races by the `tsan` preset (-fsanitize=thread): one Searcher per
// thread while an Indexer commits, Searchers and Indexers on separate
// indexes, a bulk load's worker threads, index_sharded's shard threads and
// its serialised on_problem calls, and the server's SearcherPool.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "lisan/indexer/indexer.h"
#include "lisan/indexer/shards.h"
#include "lisan/searcher/searcher.h"
#include "searcher_pool.h"
#include "support/run_command.h"

namespace lisan {
namespace {

using testing::TempDir;
using testing::write_file;

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

// Each thread owns an Indexer and then a Searcher on its own index: nothing
// is shared but the libraries' global state (analyzers, ICU, Xapian).
TEST(Threads, IndexersAndSearchersOnSeparateIndexesInThreads) {
  TempDir dir;
  std::vector<std::thread> threads;
  std::atomic<int> added{0};
  std::atomic<int> found{0};
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&, t] {
      const std::string db = dir / ("db" + std::to_string(t));
      {
        Indexer indexer(db);
        for (int n = 0; n < 100; ++n) indexer.add_document(numbered_document(3 * n + t));
        added += static_cast<int>(indexer.finish().added);
      }
      Searcher searcher({db});
      // Only this thread's language went into its index (3n + t: text t).
      const char* queries[] = {"kebijakan", "policy", "كازاخستان"};
      const SearchResults results = searcher.search(queries[t]);
      if (results.total == 100) ++found;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(added.load(), 300);
  EXPECT_EQ(found.load(), 3);
}

// IndexOptions::jobs > 1: a bulk load analyses and writes on worker threads.
TEST(Threads, BulkLoadWorkerThreadsWriteEveryDocumentOnce) {
  TempDir dir;
  IndexOptions options;
  options.jobs = 3;
  {
    Indexer indexer(dir / "db", options);
    for (int n = 0; n < 300; ++n) indexer.add_document(numbered_document(n));
    EXPECT_EQ(indexer.finish().added, 300u);
  }
  Searcher searcher({dir / "db"});
  EXPECT_EQ(searcher.info().documents, 300u);
  SearchOptions untranslated;
  untranslated.translate = false;
  EXPECT_EQ(searcher.search("nomor299", untranslated).total, 1u);
  EXPECT_EQ(searcher.search("policy", untranslated).total, 100u);
}

// index_sharded runs a thread per shard and promises on_problem calls one at
// a time: the callback below touches plain (non-atomic) state on purpose, so
// that ThreadSanitizer reports a race if two calls ever overlap.
TEST(Threads, ShardThreadsReportProblemsOneAtATime) {
  TempDir dir;
  std::string jsonl;
  for (int n = 0; n < 60; ++n) {
    const SourceDocument doc = numbered_document(n);
    jsonl += "{\"id\": \"" + doc.id + "\", \"text\": \"" + doc.text + "\"}\n";
  }
  write_file(dir / "docs.jsonl", jsonl);
  for (int n = 0; n < 12; ++n) {
    write_file(dir / ("docs/empty-" + std::to_string(n) + ".txt"), "");
  }
  std::vector<std::string> reported;
  const IndexReport report =
      index_sharded(dir / "db", 3, IndexOptions{}, {dir / "docs.jsonl", dir / "docs"},
                    [&](const IndexProblem& problem) { reported.push_back(problem.source); });
  EXPECT_EQ(report.added, 60u);
  // Each empty file belongs to one shard, which alone reports it.
  EXPECT_EQ(reported.size(), 12u);
  Searcher searcher({dir / "db"});
  EXPECT_EQ(searcher.info().documents, 60u);
}

// `lisan serve` lends each Searcher to one request thread at a time; with
// max_age 0 every lease reopens its searcher, racing opens against searches.
TEST(Threads, SearcherPoolLendsEachSearcherToOneThreadAtATime) {
  TempDir dir;
  {
    Indexer seed(dir / "db");
    for (int n = 0; n < 60; ++n) seed.add_document(numbered_document(n));
    seed.finish();
  }
  const char* queries[] = {"government", "pemerintah"};
  std::size_t expected[2] = {};
  {
    Searcher reference({dir / "db"});
    for (int q = 0; q < 2; ++q) expected[q] = reference.search(queries[q]).total;
  }
  ASSERT_GT(expected[0], 0u);
  for (const auto max_age : {std::chrono::milliseconds(0), std::chrono::milliseconds(60000)}) {
    cli::SearcherPool pool({dir / "db"}, 2, max_age);
    std::mutex lent_mutex;
    std::set<const Searcher*> lent;
    std::atomic<int> overlaps{0};
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < 15; ++i) {
          cli::SearcherPool::Lease lease = pool.acquire();
          const Searcher* searcher = &*lease;
          {
            const std::lock_guard<std::mutex> lock(lent_mutex);
            if (!lent.insert(searcher).second) ++overlaps;
          }
          if (lease->search(queries[t % 2]).total != expected[t % 2]) ++wrong;
          const std::lock_guard<std::mutex> lock(lent_mutex);
          lent.erase(searcher);
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
    EXPECT_EQ(overlaps.load(), 0) << "a searcher was lent to two threads at once";
    EXPECT_EQ(wrong.load(), 0);
  }
}

}  // namespace
}  // namespace lisan
