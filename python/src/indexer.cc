// lisan.Indexer: the C++ Indexer with Python documents, callbacks and a
// context manager. The GIL is released while lisan reads, analyses and
// writes; callbacks take it back.
#include "lisan/indexer/indexer.h"

#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "bindings.h"
#include "python_document.h"

namespace lisan::python {

namespace {

// Documents converted per release of the GIL by add_many.
constexpr std::size_t kBatch = 64;
// Without a progress callback, Ctrl-C is looked for every this many documents.
constexpr std::uint64_t kSignalCheckInterval = 128;

class PyIndexer {
 public:
  PyIndexer(const std::string& path, IndexOptions options, py::object on_problem,
            py::object on_progress)
      : on_problem_(std::move(on_problem)), on_progress_(std::move(on_progress)) {
    options.stop = &stop_;
    {
      py::gil_scoped_release unlocked;
      indexer_ = std::make_unique<Indexer>(path, options);
    }
    indexer_->on_problem([this](const IndexProblem& problem) { report_problem(problem); });
    indexer_->on_progress([this](const IndexProgress& progress) { report_progress(progress); });
  }

  ~PyIndexer() {
    // Committing may take a while: other Python threads go on meanwhile.
    py::gil_scoped_release unlocked;
    const std::lock_guard lock(mutex_);
    indexer_.reset();
  }

  void add(const py::handle& doc) {
    const SourceDocument source = to_source_document(doc);
    run([&](Indexer& indexer) { indexer.add_document(source); });
  }

  std::size_t add_many(const py::iterable& docs) {
    std::size_t added = 0;
    std::vector<SourceDocument> batch;
    const auto flush = [&] {
      run([&](Indexer& indexer) {
        for (const SourceDocument& source : batch) indexer.add_document(source);
      });
      added += batch.size();
      batch.clear();
    };
    for (const py::handle doc : docs) {
      batch.push_back(to_source_document(doc));
      if (batch.size() == kBatch) flush();
    }
    if (!batch.empty()) flush();
    return added;
  }

  void add_path(const std::string& path) {
    run([&](Indexer& indexer) { indexer.add_path(path); });
  }

  bool remove(const std::string& id) {
    bool removed = false;
    run([&](Indexer& indexer) { removed = indexer.remove(id); });
    return removed;
  }

  std::map<std::string, std::string> schema() {
    std::map<std::string, std::string> out;
    run([&](Indexer& indexer) {
      for (const FieldSpec& field : indexer.schema().fields()) {
        out[field.name] = std::string(field_type_name(field.type));
      }
    });
    return out;
  }

  void commit() {
    run([](Indexer& indexer) { indexer.commit(); });
  }

  IndexReport finish() {
    IndexReport report;
    run([&](Indexer& indexer) { report = indexer.finish(); });
    close();
    return report;
  }

  void close() {
    py::gil_scoped_release unlocked;
    const std::lock_guard lock(mutex_);
    indexer_.reset();
  }

  bool closed() const { return indexer_ == nullptr; }

 private:
  // Runs `job` on the indexer with the GIL released, one call at a time
  // (an Indexer is not thread-safe), then raises what a callback raised.
  template <class Job>
  void run(Job&& job) {
    if (failure_) {
      throw Error(
          "this Indexer stopped when a callback raised an exception; what it indexed is "
          "committed on close(): open a new Indexer to go on");
    }
    {
      py::gil_scoped_release unlocked;
      const std::lock_guard lock(mutex_);
      if (!indexer_) throw InvalidArgument("this Indexer is closed");
      job(*indexer_);
    }
    if (failure_) throw py::error_already_set(*failure_);
  }

  void report_problem(const IndexProblem& problem) {
    if (on_problem_.is_none()) return;
    call([&] { on_problem_(problem); });
  }

  void report_progress(const IndexProgress& progress) {
    if (!on_progress_.is_none()) {
      call([&] { on_progress_(progress); });
    } else if (progress.documents % kSignalCheckInterval == 0) {
      call([] {
        if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      });
    }
  }

  // Calls Python with the GIL; the first exception stops indexing (after
  // the current document) and is raised when the running call returns.
  template <class Call>
  void call(Call&& python) {
    py::gil_scoped_acquire locked;
    if (failure_) return;
    try {
      python();
    } catch (py::error_already_set& raised) {
      failure_ = std::make_unique<py::error_already_set>(std::move(raised));
      stop_.request();
    }
  }

  py::object on_problem_;
  py::object on_progress_;
  StopToken stop_;
  std::unique_ptr<py::error_already_set> failure_;
  std::mutex mutex_;
  std::unique_ptr<Indexer> indexer_;  // last: destroyed (committed) first
};

// A schema given from Python: a mapping of field names to type names, or
// the text of a schema file (docs/API.md, "Fields").
std::optional<FieldSchema> schema_argument(const py::object& schema) {
  if (schema.is_none()) return std::nullopt;
  if (py::isinstance<py::str>(schema)) return FieldSchema::parse(schema.cast<std::string>());
  if (!is_mapping(schema)) {
    throw InvalidArgument("schema must be a mapping of field names to types, or a schema's JSON");
  }
  const py::dict file(py::arg("fields") = schema);
  return FieldSchema::parse(py::module_::import("json").attr("dumps")(file).cast<std::string>());
}

std::unique_ptr<PyIndexer> make_indexer(const std::string& path,
                                        const std::optional<std::string>& lang,
                                        std::size_t batch_documents, std::uint64_t batch_bytes,
                                        std::uint64_t max_file_bytes, bool prune,
                                        bool follow_symlinks, unsigned jobs, bool bulk_load,
                                        const py::object& schema, py::object on_problem,
                                        py::object on_progress) {
  IndexOptions options;
  if (lang) options.language = language_argument(*lang);
  options.batch_documents = batch_documents;
  options.batch_bytes = batch_bytes;
  options.max_file_bytes = max_file_bytes;
  options.prune = prune;
  options.follow_symlinks = follow_symlinks;
  options.jobs = jobs;
  options.bulk_load = bulk_load;
  options.schema = schema_argument(schema);
  return std::make_unique<PyIndexer>(path, std::move(options), std::move(on_problem),
                                     std::move(on_progress));
}

constexpr const char* kIndexerHelp =
    "Builds and updates one lisan index.\n\n"
    "Only one Indexer (in any process) may write an index at a time; a second\n"
    "raises IndexError. Use an Indexer from one thread at a time (calls from\n"
    "several are serialized). Everything added is committed by commit(),\n"
    "finish(), close() and the end of a `with` block; a crash leaves the index\n"
    "at its last commit. The GIL is released while lisan works.";

constexpr const char* kOpenHelp =
    "Opens the index at `path`, creating it when missing.\n\n"
    "lang: force every document's language ('ar', 'id', 'en', 'und'); None detects.\n"
    "batch_documents, batch_bytes: commit after this many documents or bytes of text.\n"
    "max_file_bytes: larger files are skipped. prune: on finish(), remove documents\n"
    "whose files are gone under the folders added. follow_symlinks: follow links out\n"
    "of a folder. jobs: worker threads when loading an empty index. bulk_load: load an\n"
    "empty index through parts merged at the end (nothing shows until then).\n"
    "schema: fields to declare, e.g. {'source': 'keyword', 'date': 'date', 'price':\n"
    "'number', 'author': 'text'} (or a schema file's JSON); a field the index has\n"
    "already keeps its type (InvalidArgument otherwise: re-index to change a type).\n"
    "on_problem(IndexProblem), on_progress(IndexProgress): called as lisan works; an\n"
    "exception they raise stops indexing and is raised by the running call.\n"
    "Raises IndexError (locked, damaged, another version), IoError.";

constexpr const char* kAddHelp =
    "Adds or replaces one document: a mapping with 'id' (required), 'text', 'title',\n"
    "'url', 'lang' (None: detected) and 'fields' ({name: value or list of values};\n"
    "str, int, float, date, datetime — a naive datetime is UTC). An empty title takes\n"
    "the text's first line. A field the schema lacks, or a value that does not fit its\n"
    "type, is dropped (the document is indexed without it) and reported to on_problem.\n"
    "Raises InvalidArgument for a missing id, an unknown key or a value of another type.";

void bind_reports(py::module_& m) {
  py::class_<IndexProblem>(m, "IndexProblem", "One message about one input.")
      .def_readonly("source", &IndexProblem::source, "Path, 'path:line' or document id.")
      .def_readonly("message", &IndexProblem::message)
      .def_property_readonly(
          "skipped",
          [](const IndexProblem& p) -> std::optional<std::string> {
            if (!p.skipped) return std::nullopt;
            return std::string(skip_reason_name(*p.skipped));
          },
          "Why the input was not indexed ('binary', 'empty', …), or None: indexed anyway.")
      .def("__repr__", [](const IndexProblem& p) {
        return "IndexProblem(" + py::repr(py::str(p.source)).cast<std::string>() + ", " +
               py::repr(py::str(p.message)).cast<std::string>() + ")";
      });
  py::class_<IndexProgress>(m, "IndexProgress", "Counters of a running Indexer.")
      .def_readonly("files", &IndexProgress::files)
      .def_readonly("bytes", &IndexProgress::bytes)
      .def_readonly("documents", &IndexProgress::documents);
  py::class_<IndexReport>(m, "IndexReport", "What a run of the Indexer did.")
      .def_readonly("added", &IndexReport::added)
      .def_readonly("replaced", &IndexReport::replaced)
      .def_readonly("unchanged", &IndexReport::unchanged)
      .def_readonly("removed", &IndexReport::removed)
      .def_readonly("deleted", &IndexReport::deleted, "Documents deleted by id (remove()).")
      .def_readonly("not_found", &IndexReport::not_found, "remove() of ids the index lacked.")
      .def_readonly("fields_dropped", &IndexReport::fields_dropped,
                    "Field values dropped (unknown field, value of another type).")
      .def_property_readonly("skipped",
                             [](const IndexReport& r) {
                               std::map<std::string, std::uint64_t> out;
                               for (const auto& [reason, n] : r.skipped) {
                                 out[std::string(skip_reason_name(reason))] = n;
                               }
                               return out;
                             })
      .def_readonly("repaired_utf8", &IndexReport::repaired_utf8)
      .def_readonly("bytes", &IndexReport::bytes)
      .def_readonly("languages", &IndexReport::languages)
      .def_readonly("seconds", &IndexReport::seconds)
      .def_readonly("interrupted", &IndexReport::interrupted);
}

}  // namespace

void bind_indexer(py::module_& m) {
  bind_reports(m);
  const IndexOptions defaults;
  py::class_<PyIndexer>(m, "Indexer", kIndexerHelp)
      .def(py::init(&make_indexer), py::arg("path"), py::kw_only(), py::arg("lang") = py::none(),
           py::arg("batch_documents") = defaults.batch_documents,
           py::arg("batch_bytes") = defaults.batch_bytes,
           py::arg("max_file_bytes") = defaults.max_file_bytes, py::arg("prune") = false,
           py::arg("follow_symlinks") = false, py::arg("jobs") = 1u, py::arg("bulk_load") = true,
           py::arg("schema") = py::none(), py::arg("on_problem") = py::none(),
           py::arg("on_progress") = py::none(), kOpenHelp)
      .def("add", &PyIndexer::add, py::arg("doc"), kAddHelp)
      .def("add_many", &PyIndexer::add_many, py::arg("docs"),
           "Adds every document of an iterable of mappings (as add()); returns how many.")
      .def("add_path", &PyIndexer::add_path, py::arg("path"),
           "Indexes a file, a folder (recursively) or a .jsonl file. Problems with single\n"
           "inputs go to on_problem and are skipped. Raises IoError when `path` is missing.")
      .def("remove", &PyIndexer::remove, py::arg("id"),
           "Deletes the document with this id; False (and counted) when the index lacks it.")
      .def_property_readonly("schema", &PyIndexer::schema,
                             "The index's fields: name -> 'keyword', 'number', 'date' or 'text'.")
      .def("commit", &PyIndexer::commit, "Makes everything added so far durable.")
      .def("finish", &PyIndexer::finish,
           "Commits, prunes (with prune=True), closes the Indexer, returns the IndexReport.")
      .def("close", &PyIndexer::close,
           "Commits and releases the index's writer lock; later calls raise InvalidArgument.")
      .def_property_readonly("closed", &PyIndexer::closed)
      .def(
          "__enter__", [](PyIndexer& self) -> PyIndexer& { return self; },
          py::return_value_policy::reference)
      .def("__exit__", [](PyIndexer& self, const py::args&) { self.close(); });
}

}  // namespace lisan::python
