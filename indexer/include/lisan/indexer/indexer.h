/// @file
/// Builds and updates a lisan index from files, folders, JSONL and documents
/// given by the program.
///
/// Thread-safety: an Indexer is not thread-safe; use it from one thread. Only
/// one Indexer (in any process) may write an index at a time: a second one
/// fails with IndexError("… is locked by another process").
/// Lifetime: the index is committed by commit() and by the destructor; a
/// crash or kill at any moment leaves it at its last commit.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lisan/analyzers/error.h"
#include "lisan/analyzers/language.h"
#include "lisan/format/fields.h"
#include "lisan/format/index_error.h"

namespace lisan {

/// The largest IndexOptions::batch_bytes worth setting: a batch's pending
/// changes take several times its text in memory.
inline constexpr std::uint64_t kMaxBatchBytes = 64ull << 20;

/// A request to stop indexing, shared by every Indexer given it
/// (IndexOptions::stop): a program's Ctrl-C handler, a service's shutdown.
/// request() may be called from any thread and from a signal handler (it is
/// one lock-free atomic store). lisan never resets a token, so a request made
/// before an Indexer starts, or between the shards of a sharded run, is not
/// lost; make a new token for a new run.
class StopToken {
 public:
  /// Asks every Indexer holding this token to stop after its current document.
  void request() noexcept { requested_.store(true, std::memory_order_relaxed); }
  /// Whether request() has been called.
  bool requested() const noexcept { return requested_.load(std::memory_order_relaxed); }

 private:
  static_assert(std::atomic<bool>::is_always_lock_free, "request() runs in signal handlers");
  std::atomic<bool> requested_{false};
};

/// How an Indexer reads, analyses and commits. The defaults suit most uses.
struct IndexOptions {
  /// Force every document's language instead of detecting it.
  std::optional<Language> language;
  /// Files larger than this are skipped (with a message), never read whole;
  /// text extracted from a file (a zip's XML, a PDF's pages) is cut to it.
  std::uint64_t max_file_bytes = 64ull << 20;
  /// The encoding of plain-text files (and of HTML that declares none), as
  /// ICU names it: "windows-1256", "ISO-8859-6", "windows-1252". Empty: UTF-8,
  /// or as a byte order mark says, or as ICU's detector says when the text
  /// is mostly not UTF-8 (lisan/indexer/file_formats.h).
  std::string encoding;
  /// Seconds one file's extraction may take; a PDF or EPUB past it is
  /// indexed up to the page or chapter reached (reported). 0: no limit.
  double file_time_limit = 60;
  /// A commit happens after this many documents or bytes of text, whichever first.
  std::size_t batch_documents = 5000;
  /// See batch_documents. Xapian's writer is fastest with small batches:
  /// adding half the bench corpus to an index of the other half took about
  /// 34 s committing every 5,000 documents (18 MB of text) and 24–30 s
  /// every 1–4 MB, with half the memory (docs/PERFORMANCE.md, "Commit size").
  std::uint64_t batch_bytes = 2ull << 20;
  /// Remove documents whose source files are gone under the folders indexed.
  bool prune = false;
  /// In folders, follow symbolic links whose targets lie outside the folder
  /// (each target once; loops are cut). Off: such links are reported and
  /// skipped, so that indexing a folder never reads files outside it. Links
  /// to targets inside the folder are never followed: the target is indexed
  /// under its own name already.
  bool follow_symlinks = false;
  /// Worker threads that analyse and write documents when loading into an
  /// empty index (each into a Xapian database of its own, merged at the end);
  /// updates to a non-empty index are written by one thread.
  unsigned jobs = 1;
  /// Bound on the resident memory of a bulk load (queues and Xapian's pending
  /// batches shrink to fit).
  std::uint64_t memory_budget_bytes = 512ull << 20;
  /// Load an empty index through parts merged at the end (the fast path; the
  /// index shows no document until the load ends, and a load killed midway
  /// leaves the index empty for a re-run to fill). Off: every batch is
  /// committed as it completes, so that an interrupted load keeps its batches.
  bool bulk_load = true;
  /// Sharding (see lisan/indexer/shards.h): this Indexer analyses and writes
  /// only the documents whose id shard_of() maps to `shard`, and passes over
  /// the others. Requires: shard < shard_count.
  std::size_t shard_count = 1;
  /// See shard_count.
  std::size_t shard = 0;
  /// When given, add_path() stops after the current document once a stop is
  /// requested, and finish() commits what was indexed without pruning
  /// (IndexReport::interrupted). Borrowed: must outlive the Indexer.
  const StopToken* stop = nullptr;
  /// Fields to declare (lisan/format/fields.h; `lisan index --schema FILE`):
  /// added to the index's schema, stored in its metadata. A field the index
  /// has already must keep its type (the constructor throws InvalidArgument
  /// otherwise: re-index to change a type). Empty: the index's schema as it is.
  std::optional<FieldSchema> schema;
};

/// A document handed over by a program (or read from JSONL).
struct SourceDocument {
  std::string id;                    ///< unique; replaces an earlier document with this id
  std::string text;                  ///< UTF-8; ill-formed bytes are repaired
  std::string title;                 ///< empty: the first non-empty line of text
  std::string url;                   ///< shown with the hit; may be empty
  std::optional<Language> language;  ///< empty: detected (or IndexOptions::language)
  /// Field values by field name (the index's FieldSchema). A field the schema
  /// lacks, or a value that does not fit its type, is dropped (the document
  /// is indexed without it) and reported through Indexer::on_problem.
  FieldValues fields;
};

/// Why an input was not indexed.
enum class SkipReason {
  kEmpty,           ///< no text (empty or only white space)
  kBinary,          ///< NUL bytes or mostly undecodable as UTF-8
  kTooLarge,        ///< larger than IndexOptions::max_file_bytes
  kUnreadable,      ///< permission denied or an I/O error
  kNotRegularFile,  ///< a FIFO, socket or device
  kInvalidRecord,   ///< a JSONL line that is not a valid document
  kSymlinkLoop,     ///< a symbolic link that loops or dangles
  kHardLink,        ///< another name (hard link) of a file indexed already in this run
  kDuplicateId,     ///< a file whose id (its relative path) another file of another input has
  kDamaged,         ///< a PDF, DOCX, ODT or EPUB file that its reader cannot read
  kEncrypted        ///< a PDF or zip document that needs a password
};
/// A short name for `reason`, as `lisan index` prints it (e.g. "binary").
std::string_view skip_reason_name(SkipReason reason) noexcept;

/// What a run of the Indexer did (Indexer::finish()).
struct IndexReport {
  std::uint64_t added = 0;                      ///< new documents
  std::uint64_t replaced = 0;                   ///< documents whose content changed
  std::uint64_t unchanged = 0;                  ///< documents skipped because nothing changed
  std::uint64_t removed = 0;                    ///< documents removed by IndexOptions::prune
  std::uint64_t deleted = 0;                    ///< documents deleted by id (Indexer::remove)
  std::uint64_t not_found = 0;                  ///< deletions of ids the index did not hold
  std::uint64_t fields_dropped = 0;             ///< field values dropped (unknown field, bad value)
  std::map<SkipReason, std::uint64_t> skipped;  ///< inputs not indexed, by reason
  std::uint64_t repaired_utf8 = 0;              ///< documents whose ill-formed UTF-8 was repaired
  std::uint64_t bytes = 0;                      ///< bytes of text analysed
  std::map<std::string, std::uint64_t> languages;  ///< documents written, by code
  /// Files read as documents, by format ("text", "html", "pdf", "docx", "odt", "epub").
  std::map<std::string, std::uint64_t> formats;
  double seconds = 0;        ///< wall-clock time of the run
  bool interrupted = false;  ///< stopped early (IndexOptions::stop)

  /// All skipped inputs, whatever the reason.
  std::uint64_t skipped_total() const noexcept;
};

/// One message about one input (a skipped file, a repaired one, a bad JSONL line).
struct IndexProblem {
  std::string source;                 ///< path, "path:line" or document id
  std::string message;                ///< what happened, for people
  std::optional<SkipReason> skipped;  ///< empty: indexed anyway (e.g. repaired)
};

/// Counters of a running Indexer, for a progress display.
struct IndexProgress {
  std::uint64_t files = 0;      ///< inputs read so far
  std::uint64_t bytes = 0;      ///< bytes of text read so far
  std::uint64_t documents = 0;  ///< documents indexed so far
};

/// Builds and updates one lisan index (see the file's description).
class Indexer {
 public:
  /// Opens the index at `db_path`, creating it (and its folder) when missing,
  /// or when only the leftovers of a creation killed half-way are there.
  /// @throws IndexError when it is locked, damaged, of an unsupported version,
  ///         or when `db_path` is a file or a folder holding other files
  /// @throws IoError when the folder cannot be created
  Indexer(const std::string& db_path, IndexOptions options = {});
  ~Indexer();
  Indexer(const Indexer&) = delete;
  Indexer& operator=(const Indexer&) = delete;

  /// Indexes a file, a folder (recursively), a .jsonl file, or "-" (JSONL on
  /// standard input). Problems with single inputs are reported (on_problem())
  /// and skipped.
  /// @throws IoError when `path` itself does not exist or cannot be read
  /// @throws IoError when the index cannot be written (no space left, file
  ///         size limit); the index stays at its last commit
  void add_path(const std::string& path);

  /// Adds or replaces one document (the one with the same id).
  /// @throws InvalidArgument when `doc.id` is empty
  /// @throws IoError when the index cannot be written (no space left)
  void add_document(const SourceDocument& doc);

  /// Deletes the document with this id (committed with the next batch).
  /// An id the index does not hold is counted (IndexReport::not_found), not
  /// an error.
  /// @return whether a document was deleted
  /// @throws InvalidArgument when `id` is empty
  /// @throws IoError when the index cannot be written (no space left)
  bool remove(const std::string& id);

  /// The index's field schema: what it had, plus IndexOptions::schema.
  const FieldSchema& schema() const noexcept;

  /// Makes everything added so far durable. During a bulk load (into an
  /// empty index) this ends the load: the parts are merged into the index
  /// and later documents are written one at a time.
  /// @throws IoError when the index cannot be written (no space left)
  void commit();

  /// Receives each problem as it happens (default: none).
  void on_problem(std::function<void(const IndexProblem&)> callback);
  /// Receives progress after each document (default: none).
  void on_progress(std::function<void(const IndexProgress&)> callback);

  /// Commits, applies IndexOptions::prune, and returns the run's totals.
  /// @throws IoError when the index cannot be written (no space left)
  IndexReport finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Checks the index at `db_path` as opening it for writing does: the tables
/// every lisan index has are present, and Xapian's check of every block
/// passes (run in a child process, so that a crash or a hang of the check is
/// reported as damage too). Holds the index's writer lock while it reads.
/// A folder that holds no index yet passes: it is what a first run creates.
/// @throws IndexError naming what is damaged, or the index is locked
void verify_index(const std::string& db_path);

}  // namespace lisan
