// lisan's exceptions as Python exception classes of the same names, with
// QueryError's offset as an attribute.
#include "lisan/searcher/errors.h"

#include <pybind11/pybind11.h>

#include "bindings.h"
#include "lisan/analyzers/error.h"
#include "lisan/format/index_error.h"
#include "query_error_in_python.h"

namespace lisan::python {

namespace {

// Raises `type(message)` with the attributes of a query error when `query`
// is given.
void raise(const py::object& type, const char* message, const QueryErrorInPython* query) {
  py::object error = type(message);
  if (query != nullptr) {
    error.attr("offset") = query->offset;
    error.attr("byte_offset") = query->byte_offset;
  }
  PyErr_SetObject(type.ptr(), error.ptr());
}

}  // namespace

void bind_errors(py::module_& m) {
  // Kept alive by the module, which holds a reference to each class.
  static py::handle error, invalid_argument, io_error, index_error, query_error, time_limit;
  error = py::exception<Error>(m, "Error", PyExc_Exception);
  error.attr("__doc__") = "The base of every error lisan raises.";
  invalid_argument = py::exception<InvalidArgument>(m, "InvalidArgument", error.ptr());
  invalid_argument.attr("__doc__") = "An argument lisan cannot take (an empty id, a bad option).";
  io_error = py::exception<IoError>(m, "IoError", error.ptr());
  io_error.attr("__doc__") = "A file or folder that cannot be read or written.";
  index_error = py::exception<IndexError>(m, "IndexError", error.ptr());
  index_error.attr("__doc__") =
      "An index that is missing, damaged, locked by another writer, or of another version.";
  query_error = py::exception<QueryError>(m, "QueryError", error.ptr());
  query_error.attr("__doc__") =
      "A query that cannot be understood. `offset` is the index into the query (a str) where\n"
      "the problem is; `byte_offset` the same in its UTF-8 bytes.";
  time_limit = py::exception<TimeLimitExceeded>(m, "TimeLimitExceeded", error.ptr());
  time_limit.attr("__doc__") = "A search that ran past its time_limit.";

  // One translator, most derived classes first.
  py::register_exception_translator([](std::exception_ptr thrown) {
    try {
      if (thrown) std::rethrow_exception(thrown);
    } catch (const QueryErrorInPython& e) {
      raise(py::reinterpret_borrow<py::object>(query_error), e.what(), &e);
    } catch (const QueryError& e) {
      QueryErrorInPython bytes(e.what(), e.offset(), e.offset());
      raise(py::reinterpret_borrow<py::object>(query_error), e.what(), &bytes);
    } catch (const TimeLimitExceeded& e) {
      raise(py::reinterpret_borrow<py::object>(time_limit), e.what(), nullptr);
    } catch (const IndexError& e) {
      raise(py::reinterpret_borrow<py::object>(index_error), e.what(), nullptr);
    } catch (const InvalidArgument& e) {
      raise(py::reinterpret_borrow<py::object>(invalid_argument), e.what(), nullptr);
    } catch (const IoError& e) {
      raise(py::reinterpret_borrow<py::object>(io_error), e.what(), nullptr);
    } catch (const Error& e) {
      raise(py::reinterpret_borrow<py::object>(error), e.what(), nullptr);
    }
  });
}

}  // namespace lisan::python
