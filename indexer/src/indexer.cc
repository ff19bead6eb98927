#include "lisan/indexer/indexer.h"

#include <fnmatch.h>
#include <sys/stat.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <utility>

#include "bulk_load.h"
#include "document_builder.h"
#include "file_ids.h"
#include "index_folder.h"
#include "index_report.h"
#include "jsonl_reader.h"
#include "lisan/analyzers/error.h"
#include "lisan/analyzers/language_detector.h"
#include "lisan/analyzers/utf8.h"
#include "lisan/format/internal/index_metadata.h"
#include "lisan/format/internal/xapian_errors.h"
#include "lisan/format/schema.h"
#include "lisan/format/stored_document.h"
#include "lisan/indexer/shards.h"
#include "text_file.h"

namespace fs = std::filesystem;

namespace lisan {
namespace {

std::atomic<bool> g_stop_requested{false};

// A folder may list names not to index (shell patterns, one a line, `#`
// comments), like .gitignore: corpus/ keeps its README out of the index so.
constexpr const char* kIgnoreFile = ".lisanignore";

std::vector<std::string> read_ignore_file(const fs::path& path) {
  std::vector<std::string> patterns;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty() && line.front() != '#') patterns.push_back(line);
  }
  return patterns;
}
static_assert(std::atomic<bool>::is_always_lock_free, "request_stop runs in signal handlers");

constexpr const char* kBinaryMessage =
    "binary content (NUL bytes, control bytes or mostly invalid UTF-8); skipped";

std::string errno_text(int error) { return std::strerror(error); }

// Says why a symbolic link cannot be followed: broken and looping links
// are the user's to fix. Empty when its target exists.
std::string broken_symlink_message(const fs::path& link) {
  struct stat target {};
  if (::stat(link.c_str(), &target) == 0) return {};
  const int error = errno;
  if (error == ELOOP) return "symbolic link loop; skipped";
  if (error == ENOENT) return "broken symbolic link (its target is missing); skipped";
  return "symbolic link to an unreadable target (" + errno_text(error) + "); skipped";
}

// True when `path` is `folder` or lies under it (both canonical).
bool is_within(const fs::path& path, const fs::path& folder) {
  const auto [folder_end, unused] =
      std::mismatch(folder.begin(), folder.end(), path.begin(), path.end());
  return folder_end == folder.end();
}

bool has_extension(const std::string& path, std::string_view ext) {
  return path.size() > ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0;
}

}  // namespace

std::string_view skip_reason_name(SkipReason reason) noexcept {
  switch (reason) {
    case SkipReason::kEmpty:
      return "empty";
    case SkipReason::kBinary:
      return "binary";
    case SkipReason::kTooLarge:
      return "too large";
    case SkipReason::kUnreadable:
      return "unreadable";
    case SkipReason::kNotRegularFile:
      return "not a regular file";
    case SkipReason::kInvalidRecord:
      return "invalid record";
    case SkipReason::kSymlinkLoop:
      return "symlink not followed";
    case SkipReason::kHardLink:
      return "hard link to a file indexed already";
    case SkipReason::kDuplicateId:
      return "same id as another file";
  }
  return "unknown";
}

std::uint64_t IndexReport::skipped_total() const noexcept {
  std::uint64_t total = 0;
  for (const auto& [reason, count] : skipped) total += count;
  return total;
}

struct Indexer::Impl {
  Impl(const std::string& path, IndexOptions opts) : db_path(path), options(opts) {}

  // The stored version of a document. Its values are read when asked: each
  // is a B-tree lookup of its own, and a re-run of unchanged JSONL needs the
  // hash alone (a re-run was four lookups a document, now two).
  class Existing {
   public:
    Existing(Xapian::docid docid, Xapian::Document doc) : docid_(docid), doc_(std::move(doc)) {}
    Xapian::docid docid() const { return docid_; }
    std::uint64_t size() const { return static_cast<std::uint64_t>(number(schema::kSizeSlot)); }
    std::int64_t mtime() const { return static_cast<std::int64_t>(number(schema::kMtimeSlot)); }
    std::string hash() const { return doc_.get_value(schema::kHashSlot); }
    std::string source() const { return doc_.get_value(schema::kSourceSlot); }

   private:
    double number(Xapian::valueno slot) const {
      return Xapian::sortable_unserialise(doc_.get_value(slot));
    }
    Xapian::docid docid_;
    Xapian::Document doc_;
  };

  std::optional<Existing> find_existing(const std::string& id) {
    const std::string q_term = schema::id_term(id);
    const bool hashed = schema::id_term_is_hashed(id);
    for (Xapian::PostingIterator it = db.postlist_begin(q_term); it != db.postlist_end(q_term);
         ++it) {
      // The id came from the index: no need for Xapian to check it is there.
      Xapian::Document doc = db.get_document(*it, Xapian::DOC_ASSUME_VALID);
      if (!hashed || parse_document_data(doc.get_data()).id == id) {
        return Existing(*it, std::move(doc));
      }
    }
    return std::nullopt;
  }

  void problem(std::string source, std::string message, std::optional<SkipReason> skipped) {
    if (skipped) ++report.skipped[*skipped];
    if (problem_callback)
      problem_callback(IndexProblem{std::move(source), std::move(message), skipped});
  }

  // Analyses and writes one document; `existing` tells add from replace.
  void write(internal::PreparedDocument& doc, const std::optional<Existing>& existing) {
    if (bulk_eligible && !existing) {
      write_bulk(doc);
      return;
    }
    if (doc.language == Language::kUnknown) doc.language = detect(doc.stored);
    doc.stored.lang = std::string(language_code(doc.language));
    Xapian::Document xdoc = builder.build(doc);
    if (existing) {
      db.replace_document(existing->docid(), xdoc);
      ++report.replaced;
    } else {
      db.add_document(xdoc);
      ++report.added;
    }
    ++report.languages[doc.stored.lang];
    report.bytes += doc.stored.text.size();
    ++progress.documents;
    progress.bytes += doc.stored.size;
    pending_documents += 1;
    pending_bytes += doc.stored.text.size();
    if (pending_documents >= options.batch_documents || pending_bytes >= options.batch_bytes) {
      commit();
    }
    if (progress_callback) progress_callback(progress);
  }

  // Into an empty index, documents go to worker threads and their parts
  // (bulk_load.h); counts are taken from the parts when the load ends.
  void write_bulk(internal::PreparedDocument& doc) {
    if (!bulk) {
      bulk = std::make_unique<internal::BulkLoad>(
          bulk_work_dir(), internal::limits_for_budget(options.jobs, options.memory_budget_bytes));
    }
    ++progress.documents;
    progress.bytes += doc.stored.size;
    bulk->submit(std::move(doc));
    if (progress_callback) progress_callback(progress);
  }

  // Scratch space of a bulk load, inside the index folder (index_folder.h).
  fs::path bulk_work_dir() const { return fs::path(db_path) / internal::kBulkFolder; }

  // Merges the parts into a new database and moves it in for the (empty)
  // index, which stays at its last commit until then.
  void end_bulk() {
    bulk_eligible = false;
    if (!bulk) return;
    // The load's scratch folder goes with it, whatever happens below.
    const std::unique_ptr<internal::BulkLoad> load = std::move(bulk);
    const fs::path merged = bulk_work_dir() / "merged";
    const IndexReport totals = load->finish(db_path, merged);
    db.close();
    internal::with_index_folder_lock(db_path,
                                     [&] { internal::move_database_into(merged, db_path); });
    db = Xapian::WritableDatabase(db_path, Xapian::DB_OPEN);
    internal::add_report(report, totals);
  }

  bool owns(std::string_view id) const {
    return options.shard_count <= 1 || shard_of(id, options.shard_count) == options.shard;
  }

  Language detect(const StoredDocument& doc) const {
    if (options.language) return *options.language;
    return detect_language(doc.text.empty() ? doc.title : doc.text);
  }

  void commit() {
    end_bulk();
    db.set_metadata(std::string(schema::kLastCommitKey), internal::utc_now_iso8601());
    db.commit();
    pending_documents = 0;
    pending_bytes = 0;
  }

  // Fills `doc` from raw file bytes; false (with a problem reported) to skip.
  bool prepare_text(const std::string& source, std::string raw, internal::PreparedDocument& doc) {
    if (internal::is_blank(raw)) {
      problem(source, "empty or whitespace-only; skipped", SkipReason::kEmpty);
      return false;
    }
    if (looks_binary(raw)) {
      problem(source, kBinaryMessage, SkipReason::kBinary);
      return false;
    }
    std::size_t repaired = 0;
    std::string text = repair_utf8(raw, &repaired);
    if (repaired > 0) {
      ++report.repaired_utf8;
      problem(source, std::to_string(repaired) + " invalid UTF-8 sequence(s) replaced by U+FFFD",
              std::nullopt);
    }
    const internal::TextParts parts = internal::split_text_file(text);
    doc.stored.title = std::string(parts.title);
    doc.stored.url = std::string(parts.url);
    doc.stored.text = std::string(parts.body);
    return true;
  }

  void index_file(const fs::path& path, const std::string& id) {
    if (!owns(id)) return;
    if (const std::string* first = file_ids.claim(id)) {
      problem(path.string(),
              "same id (" + id + ") as a file of " + *first +
                  ", indexed already in this run (a file's id is its path relative to the "
                  "folder given: index their common folder to keep both); skipped",
              SkipReason::kDuplicateId);
      return;
    }
    index_one_file(path, id);
    // Also after skipped and unchanged files, so that progress moves on a re-run.
    if (progress_callback) progress_callback(progress);
  }

  void index_one_file(const fs::path& path, const std::string& id) {
    const std::string source = path.string();
    ++progress.files;
    struct stat info {};
    if (::stat(source.c_str(), &info) != 0) {
      const int error = errno;
      problem(source, "cannot read: " + errno_text(error) + "; skipped",
              error == ELOOP ? SkipReason::kSymlinkLoop : SkipReason::kUnreadable);
      return;
    }
    if (!S_ISREG(info.st_mode)) {
      problem(source, "not a regular file; skipped", SkipReason::kNotRegularFile);
      return;
    }
    const auto size = static_cast<std::uint64_t>(info.st_size);
    if (size > options.max_file_bytes) {
      problem(source,
              "larger than --max-size (" + std::to_string(size) + " > " +
                  std::to_string(options.max_file_bytes) + " bytes); skipped",
              SkipReason::kTooLarge);
      return;
    }
    const std::int64_t mtime = static_cast<std::int64_t>(info.st_mtime);
    const std::optional<Existing> existing = find_existing(id);
    if (existing && existing->size() == size && existing->mtime() == mtime) {
      ++report.unchanged;
      return;
    }
    std::ifstream in(source, std::ios::binary);
    // The head first: a binary file (an image, a disk image of 1 GB) is
    // told by it and skipped without reading or holding the rest.
    constexpr std::uint64_t kHeadBytes = 64 * 1024;
    const std::uint64_t head = std::min(size, kHeadBytes);
    std::string raw(head, '\0');
    if (!in || !in.read(raw.data(), static_cast<std::streamsize>(head))) {
      problem(source, "cannot read: " + errno_text(errno) + "; skipped", SkipReason::kUnreadable);
      return;
    }
    if (looks_binary(raw)) {
      problem(source, kBinaryMessage, SkipReason::kBinary);
      return;
    }
    raw.resize(size);
    if (size > head && !in.read(raw.data() + head, static_cast<std::streamsize>(size - head))) {
      problem(source, "cannot read: " + errno_text(errno) + "; skipped", SkipReason::kUnreadable);
      return;
    }
    const std::uint64_t hash = internal::content_hash(raw);
    if (existing && existing->hash() == internal::hash_hex(hash)) {
      ++report.unchanged;
      return;
    }
    const std::string source_path = fs::absolute(path).lexically_normal().string();
    if (existing && belongs_to_another_file(*existing, source_path)) {
      problem(source,
              "same id (" + id + ") as " + existing->source() +
                  ", which is still there (a file's id is its path relative to the folder "
                  "given: index their common folder to keep both); skipped",
              SkipReason::kDuplicateId);
      return;
    }
    internal::PreparedDocument doc;
    doc.stored.id = id;
    doc.stored.source = source_path;
    doc.stored.size = size;
    doc.mtime = mtime;
    doc.hash = hash;
    if (!prepare_text(source, std::move(raw), doc)) return;
    if (options.language) doc.language = *options.language;
    write(doc, existing);
  }

  // True when `existing` was indexed from another file than `source_path`
  // that still exists: two live files claim one id, and replacing one by the
  // other at every run would lose one. A file moved (its old path gone) or
  // reached by another path to the same file is not another file.
  static bool belongs_to_another_file(const Existing& existing, const std::string& source_path) {
    const std::string old_source = existing.source();
    if (old_source.empty() || old_source == source_path) return false;
    std::error_code error;
    if (!fs::exists(old_source, error)) return false;
    return !fs::equivalent(old_source, source_path, error) && !error;
  }

  void index_folder(const fs::path& root) {
    roots.push_back(fs::absolute(root).lexically_normal());
    std::error_code error;
    canonical_root = fs::canonical(root, error);
    walk_folder(root, root);
  }

  // A symbolic link met in a folder: followed only when asked and when it
  // leads out of the folder, and each target only once, so that nothing is
  // indexed twice and loops end.
  void visit_symlink(const fs::path& root, const fs::path& link) {
    const std::string source = link.string();
    if (std::string broken = broken_symlink_message(link); !broken.empty()) {
      skip_link(source, std::move(broken), SkipReason::kSymlinkLoop);
      return;
    }
    std::error_code error;
    const fs::path target = fs::canonical(link, error);
    if (error) {
      skip_link(source, "cannot resolve symbolic link: " + error.message() + "; skipped",
                SkipReason::kUnreadable);
      return;
    }
    if (!canonical_root.empty() && is_within(target, canonical_root)) {
      skip_link(source,
                "symbolic link within the folder, not followed (its target is indexed "
                "under its own name); skipped",
                SkipReason::kSymlinkLoop);
      return;
    }
    if (!canonical_root.empty() && is_within(canonical_root, target)) {
      skip_link(source, "symbolic link to a folder that holds the indexed folder (a loop); skipped",
                SkipReason::kSymlinkLoop);
      return;
    }
    if (!options.follow_symlinks) {
      skip_link(source,
                "symbolic link out of the folder, not followed (--follow-symlinks "
                "follows it); skipped",
                SkipReason::kSymlinkLoop);
      return;
    }
    if (!first_visit(link)) {
      skip_link(source, "reached already through another symbolic link; skipped",
                SkipReason::kSymlinkLoop);
      return;
    }
    if (fs::is_directory(target, error)) {
      ++following;
      walk_folder(root, link);
      --following;
    } else {
      index_file(link, link.lexically_relative(root).generic_string());
    }
  }

  // Every shard of index_sharded walks the same folders: the first alone
  // reports a skipped link, as with bad JSONL lines.
  void skip_link(std::string source, std::string message, SkipReason reason) {
    if (options.shard == 0) problem(std::move(source), std::move(message), reason);
  }

  // Records the resolved `path`; false when it was recorded before.
  bool first_visit(const fs::path& path) {
    std::error_code error;
    const fs::path resolved = fs::canonical(path, error);
    return error || followed_targets.insert(resolved.string()).second;
  }

  void walk_folder(const fs::path& root, const fs::path& folder) {
    std::error_code error;
    fs::directory_iterator it(folder, error);
    if (error) {
      problem(folder.string(), "cannot list folder: " + error.message() + "; skipped",
              SkipReason::kUnreadable);
      return;
    }
    // Sorted, so that ids and document order do not depend on the file system.
    std::vector<fs::directory_entry> entries;
    for (; it != fs::directory_iterator(); it.increment(error)) {
      if (error) break;
      entries.push_back(*it);
    }
    std::sort(entries.begin(), entries.end());
    const std::vector<std::string> ignored = read_ignore_file(folder / kIgnoreFile);
    for (const fs::directory_entry& entry : entries) {
      if (g_stop_requested.load()) return;
      const fs::path& path = entry.path();
      const std::string name = path.filename().string();
      // Hidden entries (.git, editor files) are never documents.
      if (name.starts_with('.')) continue;
      if (std::any_of(ignored.begin(), ignored.end(), [&](const std::string& pattern) {
            return fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
          })) {
        continue;
      }
      std::error_code status_error;
      const bool is_link = entry.is_symlink(status_error);
      if (is_link) {
        visit_symlink(root, path);
        continue;
      }
      // Out of the folder, through a followed link: each file and folder
      // once, whichever links lead to it.
      if (following > 0 && !first_visit(path)) {
        skip_link(path.string(), "reached already through another symbolic link; skipped",
                  SkipReason::kSymlinkLoop);
        continue;
      }
      if (entry.is_directory(status_error)) {
        walk_folder(root, path);
        continue;
      }
      const std::string id = path.lexically_relative(root).generic_string();
      // Two names of one file (hard links) would be one text found twice:
      // the first name in the walk's sorted order is the document.
      if (const std::string* first = first_name_of_file(entry, id)) {
        skip_link(path.string(), "hard link to " + *first + ", indexed already; skipped",
                  SkipReason::kHardLink);
        continue;
      }
      index_file(path, id);
    }
  }

  // The id under which the file behind `entry` was seen first in this run,
  // when it has several names (hard links) and this is not the first; else
  // nullptr, recording `id` as its first name.
  const std::string* first_name_of_file(const fs::directory_entry& entry, const std::string& id) {
    std::error_code error;
    if (entry.hard_link_count(error) < 2 || error) return nullptr;
    struct stat status {};
    if (::stat(entry.path().c_str(), &status) != 0) return nullptr;
    const auto [it, inserted] =
        first_names.try_emplace(std::pair{status.st_dev, status.st_ino}, id);
    return inserted ? nullptr : &it->second;
  }

  void index_jsonl(std::istream& in, const std::string& source) {
    internal::JsonlReader reader(in, options.max_file_bytes);
    while (std::optional<internal::JsonlRecord> record = reader.next()) {
      if (g_stop_requested.load()) return;
      const std::string where = source + ":" + std::to_string(record->line);
      if (!record->document) {
        // A line that is no document belongs to no shard: the first reports it.
        if (options.shard != 0) continue;
        problem(where, record->error + "; line skipped", SkipReason::kInvalidRecord);
        continue;
      }
      add_source_document(*record->document, where, record->repaired_utf8);
    }
  }

  // `repaired` counts invalid UTF-8 already replaced in the document's source
  // (a JSONL line), reported with the document's own.
  void add_source_document(const SourceDocument& source_doc, const std::string& where,
                           std::size_t repaired = 0) {
    if (!owns(source_doc.id)) return;
    if (internal::is_blank(source_doc.text) && internal::is_blank(source_doc.title)) {
      problem(where, "empty text; skipped", SkipReason::kEmpty);
      return;
    }
    internal::PreparedDocument doc;
    doc.stored.id = source_doc.id;
    doc.stored.size = source_doc.text.size();
    std::size_t repaired_text = 0;
    doc.stored.text = repair_utf8(source_doc.text, &repaired_text);
    repaired += repaired_text;
    doc.stored.title = std::string(internal::shorten_title(repair_utf8(source_doc.title)));
    doc.stored.url = repair_utf8(source_doc.url);
    if (repaired > 0) {
      ++report.repaired_utf8;
      problem(where, std::to_string(repaired) + " invalid UTF-8 sequence(s) replaced by U+FFFD",
              std::nullopt);
    }
    if (doc.stored.title.empty()) {
      doc.stored.title = std::string(internal::split_text_file(doc.stored.text).title);
    }
    if (source_doc.language) {
      doc.language = *source_doc.language;
    } else if (options.language) {
      doc.language = *options.language;
    }
    // Everything that shapes the stored document goes into its fingerprint,
    // separated so that moving text between fields changes it (hashed in
    // turn: the text is not copied to be hashed).
    doc.hash = internal::content_hash(doc.stored.text);
    for (std::string_view field :
         {std::string_view(doc.stored.title), std::string_view(doc.stored.url),
          source_doc.language ? language_code(*source_doc.language) : std::string_view("auto")}) {
      doc.hash = internal::content_hash(field, internal::content_hash("\x1f", doc.hash));
    }
    const std::optional<Existing> existing = find_existing(doc.stored.id);
    if (existing && existing->hash() == internal::hash_hex(doc.hash)) {
      ++report.unchanged;
      return;
    }
    write(doc, existing);
  }

  void prune() {
    for (Xapian::ValueIterator it = db.valuestream_begin(schema::kSourceSlot);
         it != db.valuestream_end(schema::kSourceSlot); ++it) {
      const fs::path source(*it);
      const bool under_root = std::any_of(roots.begin(), roots.end(), [&](const fs::path& root) {
        return is_within(source, root);
      });
      std::error_code error;
      if (under_root && !fs::exists(fs::symlink_status(source, error))) {
        db.delete_document(it.get_docid());
        ++report.removed;
      }
    }
  }

  std::string db_path;
  IndexOptions options;
  Xapian::WritableDatabase db;
  internal::DocumentBuilder builder;
  IndexReport report;
  IndexProgress progress;
  std::vector<fs::path> roots;
  // The folder being walked, resolved; the files and folders out of it
  // reached through links so far (IndexOptions::follow_symlinks), and how
  // many followed links the walk is inside.
  fs::path canonical_root;
  std::set<std::string> followed_targets;
  int following = 0;
  // Files with several names (hard links) seen in this run: their first id.
  std::map<std::pair<dev_t, ino_t>, std::string> first_names;
  internal::FileIds file_ids;
  // True while the index is empty and nothing was committed since it was
  // opened: then documents go to a BulkLoad.
  bool bulk_eligible = false;
  std::unique_ptr<internal::BulkLoad> bulk;
  std::size_t pending_documents = 0;
  std::uint64_t pending_bytes = 0;
  std::function<void(const IndexProblem&)> problem_callback;
  std::function<void(const IndexProgress&)> progress_callback;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

Indexer::Indexer(const std::string& db_path, IndexOptions options)
    : impl_(std::make_unique<Impl>(db_path, options)) {
  if (options.shard_count == 0 || options.shard >= options.shard_count) {
    throw InvalidArgument("shard " + std::to_string(options.shard) + " of " +
                          std::to_string(options.shard_count) + " does not exist");
  }
  g_stop_requested.store(false);
  internal::prepare_index_folder(db_path);
  internal::with_index_errors(db_path, [&] {
    internal::check_tables_present(db_path);
    internal::check_database_intact(db_path);
    impl_->db = Xapian::WritableDatabase(db_path, Xapian::DB_CREATE_OR_OPEN);
    internal::check_index_compatible(impl_->db, db_path);
    if (impl_->db.get_metadata(std::string(schema::kSchemaVersionKey)).empty()) {
      internal::stamp_new_index(impl_->db);
      impl_->db.commit();
    }
    internal::finish_creation(db_path);
    // A bulk load killed before its merge leaves its scratch folder; the
    // lock just taken says no other writer is using it.
    std::error_code ignored;
    fs::remove_all(impl_->bulk_work_dir(), ignored);
    impl_->bulk_eligible = impl_->options.bulk_load && impl_->db.get_doccount() == 0;
  });
}

Indexer::~Indexer() {
  try {
    if (impl_->pending_documents > 0 || impl_->bulk) impl_->commit();
  } catch (...) {
    // A destructor must not throw; the documents since the last commit are
    // lost, the index stays at its last commit.
  }
}

void Indexer::add_path(const std::string& path) {
  internal::with_index_errors(impl_->db_path, [&] {
    if (path == "-") {
      impl_->index_jsonl(std::cin, "<stdin>");
      return;
    }
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (error || !fs::exists(status)) {
      throw IoError("cannot index " + path + ": " +
                    (error ? error.message() : std::string("no such file or folder")));
    }
    if (!has_extension(path, ".jsonl")) impl_->file_ids.begin_input(path);
    if (fs::is_directory(status)) {
      impl_->index_folder(path);
    } else if (has_extension(path, ".jsonl")) {
      std::ifstream in(path, std::ios::binary);
      if (!in) throw IoError("cannot read " + path + ": " + errno_text(errno));
      impl_->index_jsonl(in, path);
    } else {
      impl_->index_file(path, fs::path(path).filename().string());
    }
  });
}

void Indexer::add_document(const SourceDocument& doc) {
  if (internal::trim(doc.id).empty()) throw InvalidArgument("document id must not be empty");
  internal::with_index_errors(impl_->db_path, [&] { impl_->add_source_document(doc, doc.id); });
}

void Indexer::commit() {
  internal::with_index_errors(impl_->db_path, [&] { impl_->commit(); });
}

void Indexer::request_stop() noexcept { g_stop_requested.store(true); }

void Indexer::on_problem(std::function<void(const IndexProblem&)> callback) {
  impl_->problem_callback = std::move(callback);
}

void Indexer::on_progress(std::function<void(const IndexProgress&)> callback) {
  impl_->progress_callback = std::move(callback);
}

IndexReport Indexer::finish() {
  internal::with_index_errors(impl_->db_path, [&] {
    if (g_stop_requested.load() && impl_->bulk) impl_->bulk->drop_queued();
    impl_->end_bulk();
    if (impl_->options.prune && !g_stop_requested.load()) impl_->prune();
    impl_->commit();
  });
  impl_->report.interrupted = g_stop_requested.load();
  impl_->report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - impl_->started).count();
  return impl_->report;
}

}  // namespace lisan
