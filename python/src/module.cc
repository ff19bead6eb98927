// The `lisan._native` extension module; `lisan/__init__.py` re-exports it.
#include "bindings.h"
#include "lisan/analyzers/error.h"

namespace lisan::python {

std::size_t code_point_offset(std::string_view utf8, std::size_t byte_offset) noexcept {
  std::size_t points = 0;
  const std::size_t end = byte_offset < utf8.size() ? byte_offset : utf8.size();
  for (std::size_t i = 0; i < end; ++i) {
    if ((static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80) ++points;
  }
  return points;
}

bool is_mapping(py::handle value) {
  return !py::isinstance<py::str>(value) && py::hasattr(value, "keys") &&
         py::hasattr(value, "__getitem__");
}

Language language_argument(std::string_view code) {
  if (const std::optional<Language> lang = parse_language(code)) return *lang;
  throw InvalidArgument("unknown language code '" + std::string(code) +
                        "' (expected ar, id, en or und)");
}

}  // namespace lisan::python

PYBIND11_MODULE(_native, m) {
  m.doc() =
      "lisan: multilingual full-text search (Arabic, Indonesian, English) over Xapian.\n\n"
      "Indexer writes an index, Searcher answers queries over one or several, analyze()\n"
      "shows how a text is tokenized. Errors are lisan.Error and its subclasses.";
  lisan::python::bind_errors(m);
  lisan::python::bind_analysis(m);
  lisan::python::bind_indexer(m);
  lisan::python::bind_searcher(m);
}
