// End-to-end: `lisan index` on temporary folders — bad input, --lang, exit
// status, signals, kill -9, a second writer, concurrent searches, a full disk
// and the progress line — checked through the CLI and by opening the index.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <pty.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "lisan/format/schema.h"
#include "lisan/searcher/searcher.h"
#include "support/corpus_generator.h"
#include "support/index_snapshot.h"
#include "support/run_command.h"

extern char** environ;

namespace lisan {
namespace {

using testing::BackgroundLisan;
using testing::contains;
using testing::document_count;
using testing::read_file;
using testing::run_lisan;
using testing::run_program;
using testing::snapshot_index;
using testing::TempDir;
using testing::write_file;
using Json = nlohmann::json;
namespace fs = std::filesystem;

// Waits until the index at `db` holds at least `documents` (a commit with
// them happened) or `indexer` has ended; false on timeout or early end.
bool wait_for_documents(const std::string& db, long long documents, BackgroundLisan& indexer) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    if (document_count(db) >= documents) return true;
    if (!indexer.running()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

bool xapian_check_passes(const std::string& db) {
  const auto result = run_program({"xapian-check", db});
  return result.exit_code == 0 && contains(result.out, "No errors found");
}

// A generated folder of documents shared by the tests that need a run long
// enough to interrupt, with the index an uninterrupted run makes of it.
class GeneratedCorpus : public ::testing::Test {
 protected:
  static constexpr int kFiles = 2000;
  static constexpr int kBatch = 100;

  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    testing::generate_corpus(docs(), kFiles, 20261125);
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::string docs() { return *dir_ / "docs"; }
  // The index of an uninterrupted run, made on first use.
  static std::string reference() {
    const std::string db = *dir_ / "reference";
    if (!fs::exists(db)) {
      const auto result = run_lisan({"index", "--db", db, docs()});
      EXPECT_EQ(result.exit_code, 0) << result.err;
    }
    return db;
  }
  static std::vector<std::string> index_args(const std::string& db) {
    return {"index", "--db", db, "--batch", std::to_string(kBatch), docs()};
  }
  // A document count that a commit of this run can leave (all files index).
  static bool is_commit_count(long long count) {
    return count >= 0 && (count % kBatch == 0 || count == kFiles);
  }

  static std::unique_ptr<TempDir> dir_;
};
std::unique_ptr<TempDir> GeneratedCorpus::dir_;

TEST_F(GeneratedCorpus, CtrlCCommitsTheCurrentBatchAndARerunCompletes) {
  for (const int signal_number : {SIGINT, SIGTERM}) {
    TempDir dir;
    BackgroundLisan indexer(index_args(dir / "db"), dir / "log");
    ASSERT_TRUE(wait_for_documents(dir / "db", kBatch, indexer)) << read_file(dir / "log");
    indexer.signal(signal_number);
    EXPECT_EQ(indexer.wait(), 128 + signal_number) << read_file(dir / "log");
    const std::string log = read_file(dir / "log");
    EXPECT_TRUE(contains(log, "interrupted: the documents indexed so far are committed")) << log;
    // The documents done when the signal came are committed with the rest.
    const long long count = document_count(dir / "db");
    EXPECT_GE(count, kBatch);
    EXPECT_LT(count, kFiles) << "the run was meant to be stopped before its end";
    EXPECT_TRUE(xapian_check_passes(dir / "db"));

    const auto rerun = run_lisan(index_args(dir / "db"));
    ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
    EXPECT_TRUE(contains(rerun.err, std::to_string(count) + " unchanged")) << rerun.err;
    EXPECT_EQ(snapshot_index(dir / "db"), snapshot_index(reference()));
  }
}

TEST_F(GeneratedCorpus, KillNineLeavesTheLastCommitAndARerunCompletesIt) {
  TempDir dir;
  BackgroundLisan indexer(index_args(dir / "db"), dir / "log");
  ASSERT_TRUE(wait_for_documents(dir / "db", 2 * kBatch, indexer)) << read_file(dir / "log");
  indexer.signal(SIGKILL);
  EXPECT_EQ(indexer.wait(), 128 + SIGKILL);
  const long long count = document_count(dir / "db");
  EXPECT_TRUE(is_commit_count(count)) << count;
  EXPECT_TRUE(xapian_check_passes(dir / "db"));
  const auto search = run_lisan({"search", "--db", dir / "db", "--json", "pemerintah"});
  ASSERT_EQ(search.exit_code, 0) << search.err;
  EXPECT_GT(Json::parse(search.out)["total"].get<int>(), 0);

  const auto rerun = run_lisan(index_args(dir / "db"));
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(snapshot_index(dir / "db"), snapshot_index(reference()));
}

TEST_F(GeneratedCorpus, SecondWriterGetsALockErrorAndWritesNothing) {
  TempDir dir;
  BackgroundLisan first(index_args(dir / "db"), dir / "log");
  ASSERT_TRUE(wait_for_documents(dir / "db", kBatch, first)) << read_file(dir / "log");
  write_file(dir / "other/x.txt", "Other\nanother document");
  const auto second = run_lisan({"index", "--db", dir / "db", dir / "other"});
  const bool first_still_running = first.running();
  first.signal(SIGINT);
  first.wait();
  if (!first_still_running) GTEST_SKIP() << "the first writer ended before the second started";
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_TRUE(contains(second.err, "is locked by another process")) << second.err;
  EXPECT_TRUE(contains(second.err, dir / "db")) << "the message names the index";
  Xapian::Database db(dir / "db");
  EXPECT_EQ(db.get_termfreq("Qx.txt"), 0u);
}

TEST_F(GeneratedCorpus, SearchesInOtherProcessesNeverFailWhileTheIndexerCommits) {
  TempDir dir;
  // A first commit, so that there is an index to search from the start.
  ASSERT_EQ(run_lisan({"index", "--db", dir / "db", LISAN_CORPUS_DIR}).exit_code, 0);
  BackgroundLisan indexer({"index", "--db", dir / "db", "--batch", "50", docs()}, dir / "log");
  // One long-lived library searcher (it must reopen when commits recycle
  // the blocks it reads) and fresh CLI processes, in turn, until the end.
  Searcher searcher({dir / "db"});
  int searches = 0;
  std::uint64_t last_total = 0;
  while (indexer.running()) {
    SearchResults results;
    ASSERT_NO_THROW(results = searcher.search("pemerintah kazakhstan"));
    last_total = results.total;
    const auto cli = run_lisan({"search", "--db", dir / "db", "--json", "government"});
    ASSERT_EQ(cli.exit_code, 0) << cli.err;
    ASSERT_NO_THROW(Json::parse(cli.out));
    // A reader sees whole commits only: the seed corpus plus whole batches.
    const auto info = run_lisan({"info", "--db", dir / "db", "--json"});
    ASSERT_EQ(info.exit_code, 0) << info.err;
    const int seen = Json::parse(info.out)["documents"].get<int>();
    EXPECT_TRUE((seen - 5) % 50 == 0 || seen == kFiles + 5) << seen;
    searches += 3;
  }
  EXPECT_EQ(indexer.wait(), 0) << read_file(dir / "log");
  EXPECT_GE(searches, 4) << "the searches must overlap the indexing";
  EXPECT_GT(last_total, 0u);
  EXPECT_EQ(document_count(dir / "db"), kFiles + 5);
}

TEST_F(GeneratedCorpus, FullDiskStopsWithNoSpaceAndKeepsTheLastCommit) {
  TempDir dir;
  ASSERT_EQ(run_lisan({"index", "--db", dir / "db", LISAN_CORPUS_DIR}).exit_code, 0);
  // The file size limit (RLIMIT_FSIZE, through util-linux prlimit) stands in
  // for a full disk: writes past it fail as they would on one.
  std::uintmax_t largest = 0;
  for (const auto& entry : fs::directory_iterator(dir / "db")) {
    largest = std::max(largest, entry.file_size());
  }
  const std::vector<std::string> args = {
      "prlimit",    "--fsize=" + std::to_string(largest + 300'000),
      LISAN_BINARY, "index",
      "--db",       dir / "db",
      "--batch",    std::to_string(kBatch),
      docs()};
  testing::CommandResult result;
  try {
    result = run_program(args);
  } catch (const std::runtime_error& e) {
    GTEST_SKIP() << "util-linux prlimit is needed: " << e.what();
  }
  ASSERT_NE(result.exit_code, 0) << "the limit was not reached: " << result.err;
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_TRUE(contains(result.err, "no space left to write index " + (dir / "db"))) << result.err;
  EXPECT_TRUE(xapian_check_passes(dir / "db"));
  const long long count = document_count(dir / "db");
  EXPECT_EQ((count - 5) % kBatch, 0) << "a completed commit's count: " << count;
  EXPECT_EQ(run_lisan({"search", "--db", dir / "db", "Tokayev"}).exit_code, 0);
}

// The names in `folder` other than `expected`, to show a run wrote nothing
// beside the index.
std::vector<std::string> names_besides(const std::string& folder,
                                       const std::vector<std::string>& expected) {
  std::vector<std::string> others;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (std::find(expected.begin(), expected.end(), name) == expected.end()) {
      others.push_back(name);
    }
  }
  return others;
}

// A bulk load (a new index, no --batch) keeps its scratch space inside the
// index folder, so that it works whatever the folder is (a mount point, a
// link, a folder whose parent is read-only) and a killed load leaves nothing
// beside it.
TEST_F(GeneratedCorpus, BulkLoadWritesNothingBesideTheIndexEvenWhenKilled) {
  TempDir dir;
  const std::vector<std::string> args = {"index", "--db", dir / "db", "--jobs", "2", docs()};
  BackgroundLisan indexer(args, dir / "log");
  std::vector<std::string> seen;
  while (indexer.running() && seen.empty()) {
    seen = names_besides(dir.path(), {"db", "log"});
    if (fs::exists(dir / "db/lisan-bulk/part-1")) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  indexer.signal(SIGKILL);
  indexer.wait();
  EXPECT_EQ(seen, std::vector<std::string>{}) << read_file(dir / "log");
  EXPECT_EQ(names_besides(dir.path(), {"db", "log"}), std::vector<std::string>{});
  EXPECT_EQ(run_lisan({"info", "--db", dir / "db"}).exit_code, 0);
  const auto rerun = run_lisan(args);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_FALSE(fs::exists(dir / "db/lisan-bulk"));
  EXPECT_EQ(snapshot_index(dir / "db"), snapshot_index(reference()));
}

// The first signal during a bulk load merges what was loaded, which takes
// seconds on a large load; a second one must stop at once, as kill -9 would,
// and leave an index that the same command completes.
TEST_F(GeneratedCorpus, ASecondSignalDuringABulkLoadStopsAtOnce) {
  TempDir dir;
  const std::vector<std::string> args = {"index", "--db", dir / "db", "--jobs", "2", docs()};
  BackgroundLisan indexer(args, dir / "log");
  while (indexer.running() && !fs::exists(dir / "db/lisan-bulk/part-1")) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_TRUE(indexer.running()) << "the load ended before it could be stopped";
  indexer.signal(SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (indexer.running() && !contains(read_file(dir / "log"), "lisan: stopping") &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  const bool stopping = indexer.running();
  indexer.signal(SIGTERM);
  EXPECT_EQ(indexer.wait(), 128 + SIGTERM) << read_file(dir / "log");
  const std::string log = read_file(dir / "log");
  EXPECT_TRUE(contains(log, "lisan: stopping: committing what is indexed so far")) << log;
  if (stopping) {
    EXPECT_TRUE(contains(log, "lisan: stopped at once: the index stays at its last commit")) << log;
    EXPECT_FALSE(contains(log, "interrupted: the documents indexed so far are committed")) << log;
  }
  EXPECT_EQ(names_besides(dir.path(), {"db", "log"}), std::vector<std::string>{});
  const auto rerun = run_lisan(args);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_FALSE(fs::exists(dir / "db/lisan-bulk"));
  EXPECT_EQ(snapshot_index(dir / "db"), snapshot_index(reference()));
}

TEST_F(GeneratedCorpus, FullDiskDuringABulkLoadLeavesNoScratchAndARerunCompletes) {
  TempDir dir;
  const std::vector<std::string> args = {"prlimit", "--fsize=1000000", LISAN_BINARY, "index",
                                         "--db",    dir / "db",        docs()};
  testing::CommandResult result;
  try {
    result = run_program(args);
  } catch (const std::runtime_error& e) {
    GTEST_SKIP() << "util-linux prlimit is needed: " << e.what();
  }
  ASSERT_EQ(result.exit_code, 1) << "the limit was not reached: " << result.err;
  EXPECT_TRUE(contains(result.err, "no space left to write index")) << result.err;
  EXPECT_FALSE(fs::exists(dir / "db/lisan-bulk")) << "the scratch space would keep a disk full";
  EXPECT_EQ(names_besides(dir.path(), {"db"}), std::vector<std::string>{});
  EXPECT_TRUE(xapian_check_passes(dir / "db"));
  const auto rerun = run_lisan({"index", "--db", dir / "db", docs()});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(snapshot_index(dir / "db"), snapshot_index(reference()));
}

// A first `--shards` run killed at any moment leaves an index that opens,
// and the same command completes it; also when killed before the stub.
TEST_F(GeneratedCorpus, AnInterruptedFirstShardedRunOpensAndTheSameCommandCompletesIt) {
  for (const bool stub_lost : {false, true}) {
    TempDir dir;
    const std::vector<std::string> args = {"index", "--db", dir / "db", "--shards", "2", docs()};
    BackgroundLisan indexer(args, dir / "log");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (indexer.running() && !fs::exists(dir / "db/shard-1/iamglass") &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    // Every shard exists: the run is past its set-up and into the documents.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    ASSERT_TRUE(indexer.running()) << "the run ended before it could be interrupted";
    indexer.signal(SIGKILL);
    indexer.wait();
    if (stub_lost) fs::remove(dir / "db/XAPIANDB");
    if (!stub_lost) {
      const auto info = run_lisan({"info", "--db", dir / "db"});
      EXPECT_EQ(info.exit_code, 0) << info.err;
      EXPECT_EQ(run_lisan({"search", "--db", dir / "db", "pemerintah"}).exit_code, 0);
    }
    const auto rerun = run_lisan(args);
    ASSERT_EQ(rerun.exit_code, 0) << "stub lost: " << stub_lost << ": " << rerun.err;
    EXPECT_EQ(document_count(dir / "db"), kFiles);
  }
}

TEST(IndexCli, AnIndexFolderGivenThroughASymbolicLinkStaysALink) {
  TempDir dir;
  fs::create_directories(dir / "real");
  fs::create_directory_symlink(dir / "real", dir / "link");
  const auto result = run_lisan({"index", "--db", dir / "link", LISAN_CORPUS_DIR});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(fs::is_symlink(dir / "link"));
  EXPECT_TRUE(fs::exists(dir / "real/iamglass")) << "the index is written into the link's target";
  EXPECT_EQ(document_count(dir / "link"), 5);
  EXPECT_EQ(names_besides(dir.path(), {"real", "link"}), std::vector<std::string>{});
}

TEST(IndexCli, BadInputIsReportedByFileAndReasonAndTheRunSucceeds) {
  TempDir dir;
  const std::string docs = dir / "docs";
  write_file(docs + "/good.txt", "Good\nreal words in English for the index");
  write_file(docs + "/empty.txt", "");
  write_file(docs + "/blank.txt", " \n\t \n");
  write_file(docs + "/binary.dat", std::string("\x7f"
                                               "ELF\0\0\0\x02\x01",
                                               9));
  write_file(docs + "/latin1.txt", "Caf\xE9 au lait\nwith an invalid byte in the text");
  write_file(docs + "/huge.txt", std::string(5000, 'a'));
  fs::create_symlink(docs + "/nowhere.txt", docs + "/broken-link.txt");
  fs::create_symlink(docs + "/loop-b", docs + "/loop-a");
  fs::create_symlink(docs + "/loop-a", docs + "/loop-b");
  ASSERT_EQ(mkfifo((docs + "/pipe").c_str(), 0644), 0);
  const auto result = run_lisan({"index", "--db", dir / "db", "--max-size", "4096", docs});
  EXPECT_EQ(result.exit_code, 0) << "skips are not errors: " << result.err;
  const std::string& err = result.err;
  EXPECT_TRUE(contains(err, docs + "/empty.txt: empty or whitespace-only; skipped")) << err;
  EXPECT_TRUE(contains(err, docs + "/blank.txt: empty or whitespace-only; skipped")) << err;
  EXPECT_TRUE(contains(err, docs + "/binary.dat: binary content")) << err;
  EXPECT_TRUE(contains(err, docs + "/latin1.txt: 1 invalid UTF-8 sequence(s) replaced")) << err;
  EXPECT_TRUE(contains(err, docs + "/huge.txt: larger than --max-size (5000 > 4096 bytes)")) << err;
  EXPECT_TRUE(contains(err, docs + "/broken-link.txt: broken symbolic link")) << err;
  EXPECT_TRUE(contains(err, docs + "/loop-a: symbolic link loop; skipped")) << err;
  EXPECT_TRUE(contains(err, docs + "/pipe: not a regular file; skipped")) << err;
  EXPECT_TRUE(contains(err, "2 added")) << err;
  EXPECT_TRUE(contains(err, "1 repaired (invalid UTF-8)")) << err;
  Xapian::Database db(dir / "db");
  EXPECT_EQ(db.get_doccount(), 2u);
  EXPECT_EQ(db.get_termfreq("Qlatin1.txt"), 1u) << "repaired and indexed";
}

// Root reads files whatever their mode; without CAP_DAC_OVERRIDE and
// CAP_DAC_READ_SEARCH (dropped by util-linux setpriv) it is held to the mode.
std::vector<std::string> as_unprivileged(std::vector<std::string> args) {
  if (geteuid() != 0) return args;
  std::vector<std::string> wrapped = {"setpriv", "--inh-caps=-all",
                                      "--bounding-set=-dac_override,-dac_read_search", "--"};
  wrapped.insert(wrapped.end(), args.begin(), args.end());
  return wrapped;
}

TEST(IndexCli, UnreadableFilesAndFoldersAreSkippedWithTheReason) {
  TempDir dir;
  const std::string docs = dir / "docs";
  write_file(docs + "/readable.txt", "Readable\nsome English words here");
  write_file(docs + "/secret.txt", "Secret\nwords nobody may read");
  write_file(docs + "/closed/inner.txt", "Inner\nmore words");
  ASSERT_EQ(chmod((docs + "/secret.txt").c_str(), 0), 0);
  ASSERT_EQ(chmod((docs + "/closed").c_str(), 0), 0);
  std::vector<std::string> args = {LISAN_BINARY, "index", "--db", dir / "db", docs};
  testing::CommandResult result;
  try {
    result = run_program(as_unprivileged(args));
  } catch (const std::runtime_error& e) {
    result.err = std::string("setpriv: ") + e.what();
  }
  chmod((docs + "/closed").c_str(), 0755);
  if (geteuid() == 0 && contains(result.err, "setpriv")) {
    GTEST_SKIP() << "running as root and cannot drop capabilities: " << result.err;
  }
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.err, docs + "/secret.txt: cannot read: Permission denied; skipped"))
      << result.err;
  EXPECT_TRUE(
      contains(result.err, docs + "/closed: cannot list folder: Permission denied; skipped"))
      << result.err;
  EXPECT_TRUE(contains(result.err, "1 added")) << result.err;
}

TEST(IndexCli, LangForcesTheLanguageOfEveryDocument) {
  TempDir dir;
  write_file(dir / "docs/en.txt", "Government\nThe government announced a new policy today");
  const auto forced = run_lisan({"index", "--db", dir / "db", "--lang", "id", dir / "docs"});
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  Xapian::Database db(dir / "db");
  EXPECT_EQ(db.get_termfreq("Lid"), 1u);
  EXPECT_EQ(db.get_termfreq("Len"), 0u);
  const auto detected = run_lisan({"index", "--db", dir / "db2", dir / "docs"});
  ASSERT_EQ(detected.exit_code, 0) << detected.err;
  EXPECT_EQ(Xapian::Database(dir / "db2").get_termfreq("Len"), 1u);
}

TEST(IndexCli, MissingPathAmongGoodOnesWritesNothing) {
  TempDir dir;
  write_file(dir / "docs/a.txt", "A\ntext");
  const auto result = run_lisan({"index", "--db", dir / "db", dir / "docs", dir / "nope"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, dir / "nope")) << result.err;
  EXPECT_FALSE(fs::exists(dir / "db"));
}

TEST(IndexCli, NoProgressLineWhenNotATerminal) {
  TempDir dir;
  write_file(dir / "docs/a.txt", "A\nsome text to index");
  const auto result = run_lisan({"index", "--db", dir / "db", dir / "docs"});
  ASSERT_EQ(result.exit_code, 0);
  EXPECT_FALSE(contains(result.err, "\r")) << result.err;
  EXPECT_FALSE(contains(result.err, "ETA")) << result.err;
  EXPECT_TRUE(contains(result.err, "indexed: 1 added")) << "the summary is always shown";
}

TEST(IndexCli, ProgressLineOnATerminal) {
  TempDir dir;
  testing::generate_corpus(dir / "docs", 300, 7);
  int master = -1, slave = -1;
  ASSERT_EQ(openpty(&master, &slave, nullptr, nullptr, nullptr), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, slave, 1);
  posix_spawn_file_actions_adddup2(&actions, slave, 2);
  posix_spawn_file_actions_addclose(&actions, master);
  std::vector<std::string> args = {LISAN_BINARY, "index", "--db", dir / "db", dir / "docs"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, LISAN_BINARY, &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  close(slave);
  std::string out;
  char buffer[4096];
  for (ssize_t n; (n = read(master, buffer, sizeof buffer)) > 0;) {
    out.append(buffer, static_cast<std::size_t>(n));
  }
  close(master);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << out;
  EXPECT_TRUE(contains(out, "/300 files")) << out;
  EXPECT_TRUE(contains(out, "docs/s")) << out;
  EXPECT_TRUE(contains(out, "ETA")) << out;
  EXPECT_TRUE(contains(out, "indexed: 300 added")) << out;
}

TEST(IndexCli, InfoJsonDescribesTheIndex) {
  TempDir dir;
  ASSERT_EQ(run_lisan({"index", "--db", dir / "db", LISAN_CORPUS_DIR}).exit_code, 0);
  const auto result = run_lisan({"info", "--db", dir / "db", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const Json info = Json::parse(result.out);
  EXPECT_EQ(info["documents"], 5);
  EXPECT_EQ(info["languages"], (Json{{"ar", 2}, {"en", 1}, {"id", 2}}));
  EXPECT_GT(info["terms"].get<int>(), 100);
  EXPECT_EQ(info["schema_version"], schema::kSchemaVersion);
  EXPECT_FALSE(info["analyzer"].get<std::string>().empty());
  EXPECT_GE(info["analyzer_version"].get<int>(), 1);
  for (const char* key : {"created", "last_commit"}) {
    const std::string when = info[key];
    EXPECT_EQ(when.size(), 20u) << key << ": ISO 8601 UTC, e.g. 2026-11-25T17:30:00Z";
    EXPECT_EQ(when.back(), 'Z') << key;
  }
}

}  // namespace
}  // namespace lisan
