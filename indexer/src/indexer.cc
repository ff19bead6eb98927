#include "lisan/indexer/indexer.h"

#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <utility>

#include "bulk_load.h"
#include "commit_policy.h"
#include "document_builder.h"
#include "document_reader.h"
#include "existing_document.h"
#include "field_values.h"
#include "file_ids.h"
#include "folder_walker.h"
#include "index_folder.h"
#include "index_report.h"
#include "lisan/analyzers/error.h"
#include "lisan/analyzers/language_detector.h"
#include "lisan/analyzers/utf8.h"
#include "lisan/format/internal/index_metadata.h"
#include "lisan/format/internal/xapian_errors.h"
#include "lisan/format/schema.h"
#include "lisan/format/stored_document.h"
#include "lisan/indexer/jsonl.h"
#include "lisan/indexer/shards.h"
#include "source_file.h"
#include "text_file.h"

namespace fs = std::filesystem;

namespace lisan {
namespace {

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
    case SkipReason::kDamaged:
      return "damaged";
    case SkipReason::kEncrypted:
      return "encrypted";
  }
  return "unknown";
}

std::uint64_t IndexReport::skipped_total() const noexcept {
  std::uint64_t total = 0;
  for (const auto& [reason, count] : skipped) total += count;
  return total;
}

struct Indexer::Impl {
  Impl(const std::string& path, IndexOptions opts)
      : db_path(path),
        options(opts),
        walker(opts.follow_symlinks, walker_handlers()),
        commits(opts.batch_documents, opts.batch_bytes) {}

  internal::FolderWalker::Handlers walker_handlers() {
    return {.file = [this](const fs::path& path, const std::string& id) { index_file(path, id); },
            .passed_over =
                [this](std::string source, std::string message, SkipReason reason) {
                  passed_over(std::move(source), std::move(message), reason);
                },
            .problem =
                [this](std::string source, std::string message, SkipReason reason) {
                  problem(std::move(source), std::move(message), reason);
                },
            .stop = [this] { return stop_requested(); }};
  }

  bool stop_requested() const { return options.stop != nullptr && options.stop->requested(); }

  void problem(std::string source, std::string message, std::optional<SkipReason> skipped) {
    if (skipped) ++report.skipped[*skipped];
    if (problem_callback)
      problem_callback(IndexProblem{std::move(source), std::move(message), skipped});
  }

  // Every shard of index_sharded walks the same folders and reads the same
  // JSONL: the first alone reports what they all pass over.
  void passed_over(std::string source, std::string message, SkipReason reason) {
    if (options.shard == 0) problem(std::move(source), std::move(message), reason);
  }

  // Analyses and writes one document; `existing` tells add from replace.
  void write(internal::PreparedDocument& doc,
             const std::optional<internal::ExistingDocument>& existing) {
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
    if (commits.count(doc.stored.text.size())) commit();
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

  // Scratch space of a bulk load, inside the index folder (index_layout.h).
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
    commits.committed();
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
    ++progress.files;
    if (std::optional<internal::Skip> skip = index_one_file(path, id)) {
      problem(path.string(), std::move(skip->message), skip->reason);
    }
    // Also after skipped and unchanged files, so that progress moves on a re-run.
    if (progress_callback) progress_callback(progress);
  }

  // Reads, checks and writes one file; why it is skipped, if it is.
  std::optional<internal::Skip> index_one_file(const fs::path& path, const std::string& id) {
    const std::string source = path.string();
    auto examined = internal::examine_file(source, options.max_file_bytes);
    if (auto* skip = std::get_if<internal::Skip>(&examined)) return std::move(*skip);
    const internal::FileFacts facts = std::get<internal::FileFacts>(examined);
    const std::optional<internal::ExistingDocument> existing = internal::find_existing(db, id);
    if (existing && existing->same_file_facts(facts)) {
      ++report.unchanged;
      return std::nullopt;
    }
    auto bytes = internal::read_file_bytes(source, facts.size, [&](std::string_view head) {
      return internal::check_head(source, head, options.encoding);
    });
    if (auto* skip = std::get_if<internal::Skip>(&bytes)) return std::move(*skip);
    const std::string& raw = std::get<std::string>(bytes);
    const std::uint64_t hash = internal::content_hash(raw);
    if (existing && existing->hash() == internal::hash_hex(hash)) {
      ++report.unchanged;
      return std::nullopt;
    }
    const std::string source_path = fs::absolute(path).lexically_normal().string();
    if (existing && existing->belongs_to_another_file(source_path)) {
      return internal::Skip{"same id (" + id + ") as " + existing->source() +
                                ", which is still there (a file's id is its path relative to "
                                "the folder given: index their common folder to keep both); "
                                "skipped",
                            SkipReason::kDuplicateId};
    }
    internal::PreparedDocument doc;
    doc.stored.id = id;
    doc.stored.source = source_path;
    doc.stored.size = facts.size;
    doc.mtime = facts.mtime;
    doc.hash = hash;
    keep_fields(internal::file_fields(id, facts.mtime, facts.size), source, doc);
    if (std::optional<internal::Skip> skip = fill_text(source, raw, doc)) return skip;
    if (options.language) doc.language = *options.language;
    write(doc, existing);
    return std::nullopt;
  }

  // The fields of `given` that fit the schema into `doc`; the others are
  // reported (with the document's id) and dropped.
  void keep_fields(const FieldValues& given, const std::string& where,
                   internal::PreparedDocument& doc) {
    internal::prepare_fields(fields, given, doc.stored.fields, doc.fields, [&](std::string why) {
      ++report.fields_dropped;
      problem(where, "document " + doc.stored.id + ": " + why, std::nullopt);
    });
  }

  // Counts an input whose invalid UTF-8 was replaced, and says so.
  void report_repaired(const std::string& where, std::size_t repaired) {
    if (repaired == 0) return;
    ++report.repaired_utf8;
    problem(where, std::to_string(repaired) + " invalid UTF-8 sequence(s) replaced by U+FFFD",
            std::nullopt);
  }

  // Title, url, body and declared language of `doc` from a file's bytes
  // (document_reader.h); why it is skipped, if it is.
  std::optional<internal::Skip> fill_text(const std::string& source, const std::string& raw,
                                          internal::PreparedDocument& doc) {
    const ExtractOptions extract{.max_text_bytes = options.max_file_bytes,
                                 .time_limit_seconds = options.file_time_limit,
                                 .encoding = options.encoding};
    internal::ReadResult read =
        internal::read_document(source, raw, internal::ReadLimits::starting_now(extract));
    if (auto* skip = std::get_if<internal::Skip>(&read)) return std::move(*skip);
    ExtractedDocument& extracted = std::get<ExtractedDocument>(read);
    report_repaired(source, extracted.repaired_utf8);
    for (std::string& note : extracted.notes) problem(source, std::move(note), std::nullopt);
    ++report.formats[extracted.format];
    doc.stored.title = std::move(extracted.title);
    doc.stored.url = std::move(extracted.url);
    doc.stored.text = std::move(extracted.text);
    doc.language = internal::declared_language(extracted.language, doc.stored.text);
    return std::nullopt;
  }

  void index_folder(const fs::path& root) {
    roots.push_back(fs::absolute(root).lexically_normal());
    walker.walk(root);
  }

  void index_jsonl(std::istream& in, const std::string& source) {
    JsonlReader reader(in, options.max_file_bytes);
    while (std::optional<JsonlRecord> record = reader.next()) {
      if (stop_requested()) return;
      const std::string where = source + ":" + std::to_string(record->line);
      if (!record->document) {
        // A line that is no document belongs to no shard.
        passed_over(where, record->error + "; line skipped", SkipReason::kInvalidRecord);
        continue;
      }
      if (record->deleted) {
        if (owns(record->document->id)) remove(record->document->id);
        continue;
      }
      report_jsonl_keys(*record, where);
      add_source_document(*record->document, where, record->repaired_utf8);
    }
  }

  // Field values the reader could not take, and fields given outside
  // "fields" (a top-level key is ignored, as before fields existed).
  void report_jsonl_keys(const JsonlRecord& record, const std::string& where) {
    if (!owns(record.document->id)) return;
    const std::string document = "document " + record.document->id + ": ";
    for (const std::string& why : record.field_problems) {
      ++report.fields_dropped;
      problem(where, document + why + "; field dropped", std::nullopt);
    }
    for (const std::string& key : record.other_keys) {
      if (fields.find(key) == nullptr) continue;
      ++report.fields_dropped;
      problem(where, document + "\"" + key + "\" is a field: it belongs inside \"fields\"; ignored",
              std::nullopt);
    }
  }

  // Deletes the document `id`, if the index holds it.
  bool remove(const std::string& id) {
    if (!owns(id)) return false;
    // A bulk load's documents are in its parts until it ends.
    end_bulk();
    const std::optional<internal::ExistingDocument> existing = internal::find_existing(db, id);
    if (!existing) {
      ++report.not_found;
      return false;
    }
    db.delete_document(existing->docid());
    ++report.deleted;
    if (commits.count(0)) commit();
    return true;
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
    internal::PreparedDocument doc = prepared_from(source_doc, where, repaired);
    const std::optional<internal::ExistingDocument> existing =
        internal::find_existing(db, doc.stored.id);
    if (existing && existing->hash() == internal::hash_hex(doc.hash)) {
      ++report.unchanged;
      return;
    }
    write(doc, existing);
  }

  internal::PreparedDocument prepared_from(const SourceDocument& source_doc,
                                           const std::string& where, std::size_t repaired) {
    internal::PreparedDocument doc;
    doc.stored.id = source_doc.id;
    doc.stored.size = source_doc.text.size();
    std::size_t repaired_text = 0;
    doc.stored.text = repair_utf8(source_doc.text, &repaired_text);
    repaired += repaired_text;
    doc.stored.title = std::string(internal::shorten_title(repair_utf8(source_doc.title)));
    doc.stored.url = repair_utf8(source_doc.url);
    report_repaired(where, repaired);
    keep_fields(source_doc.fields, where, doc);
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
    for (const auto& [name, values] : doc.stored.fields) {
      doc.hash = internal::content_hash(name, internal::content_hash("\x1e", doc.hash));
      for (const std::string& value : values) {
        doc.hash = internal::content_hash(value, internal::content_hash("\x1f", doc.hash));
      }
    }
    return doc;
  }

  // The index's schema, with the fields IndexOptions::schema adds (stored
  // and committed at once, so that a reader sees the fields before any
  // document holding them).
  void load_schema() {
    const std::string key(schema::kFieldsKey);
    const std::string stored = db.get_metadata(key);
    fields = FieldSchema::from_metadata(stored);
    if (options.schema) fields.merge(*options.schema);
    const std::string merged = fields.to_metadata();
    if (merged != stored) {
      db.set_metadata(key, merged);
      db.commit();
    }
  }

  void prune() {
    for (Xapian::ValueIterator it = db.valuestream_begin(schema::kSourceSlot);
         it != db.valuestream_end(schema::kSourceSlot); ++it) {
      const fs::path source(*it);
      const bool under_root = std::any_of(roots.begin(), roots.end(), [&](const fs::path& root) {
        return internal::is_within(source, root);
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
  FieldSchema fields;  // the index's, with IndexOptions::schema
  IndexReport report;
  IndexProgress progress;
  std::vector<fs::path> roots;  // the folders given, for prune
  internal::FolderWalker walker;
  internal::FileIds file_ids;
  // True while the index is empty and nothing was committed since it was
  // opened: then documents go to a BulkLoad.
  bool bulk_eligible = false;
  std::unique_ptr<internal::BulkLoad> bulk;
  internal::CommitPolicy commits;
  std::function<void(const IndexProblem&)> problem_callback;
  std::function<void(const IndexProgress&)> progress_callback;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

void verify_index(const std::string& db_path) {
  internal::with_index_errors(db_path, [&] {
    internal::check_tables_present(db_path);
    internal::check_database_intact(db_path);
  });
}

Indexer::Indexer(const std::string& db_path, IndexOptions options)
    : impl_(std::make_unique<Impl>(db_path, options)) {
  if (options.shard_count == 0 || options.shard >= options.shard_count) {
    throw InvalidArgument("shard " + std::to_string(options.shard) + " of " +
                          std::to_string(options.shard_count) + " does not exist");
  }
  if (!options.encoding.empty() && !is_known_encoding(options.encoding))
    throw InvalidArgument("unknown encoding: " + options.encoding);
  internal::prepare_index_folder(db_path);
  internal::with_index_errors(db_path, [&] {
    verify_index(db_path);
    impl_->db = Xapian::WritableDatabase(db_path, Xapian::DB_CREATE_OR_OPEN);
    internal::check_index_compatible(impl_->db, db_path);
    if (impl_->db.get_metadata(std::string(schema::kSchemaVersionKey)).empty()) {
      internal::stamp_new_index(impl_->db);
      impl_->db.commit();
    }
    impl_->load_schema();
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
    if (impl_->commits.pending() > 0 || impl_->bulk) impl_->commit();
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
      if (!in) throw IoError("cannot read " + path + ": " + std::strerror(errno));
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

bool Indexer::remove(const std::string& id) {
  if (internal::trim(id).empty()) throw InvalidArgument("document id must not be empty");
  bool removed = false;
  internal::with_index_errors(impl_->db_path, [&] { removed = impl_->remove(id); });
  return removed;
}

const FieldSchema& Indexer::schema() const noexcept { return impl_->fields; }

void Indexer::commit() {
  internal::with_index_errors(impl_->db_path, [&] { impl_->commit(); });
}

void Indexer::on_problem(std::function<void(const IndexProblem&)> callback) {
  impl_->problem_callback = std::move(callback);
}

void Indexer::on_progress(std::function<void(const IndexProgress&)> callback) {
  impl_->progress_callback = std::move(callback);
}

IndexReport Indexer::finish() {
  internal::with_index_errors(impl_->db_path, [&] {
    const bool stopped = impl_->stop_requested();
    if (stopped && impl_->bulk) impl_->bulk->drop_queued();
    impl_->end_bulk();
    if (impl_->options.prune && !stopped) impl_->prune();
    impl_->commit();
  });
  impl_->report.interrupted = impl_->stop_requested();
  impl_->report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - impl_->started).count();
  return impl_->report;
}

}  // namespace lisan
