// The parts of the `lisan` Python module, each defined in its own file and
// registered on the module by module.cc.
#pragma once

#include <pybind11/pybind11.h>

#include <cstddef>
#include <string_view>

#include "lisan/analyzers/language.h"

namespace lisan::python {

namespace py = pybind11;

void bind_errors(py::module_& m);
void bind_analysis(py::module_& m);
void bind_indexer(py::module_& m);
void bind_searcher(py::module_& m);

// The number of code points in the first `byte_offset` bytes of `utf8`:
// one of lisan's byte offsets as an index into the Python str of the text.
std::size_t code_point_offset(std::string_view utf8, std::size_t byte_offset) noexcept;

// Whether `value` is a mapping (has keys() and item access): a dict or the
// like, not a list or a str, which Python's own check lets through.
bool is_mapping(pybind11::handle value);

// The Language of a code given from Python ("ar", "id", "en", "und", any
// case); throws InvalidArgument naming the code for anything else.
Language language_argument(std::string_view code);

}  // namespace lisan::python
