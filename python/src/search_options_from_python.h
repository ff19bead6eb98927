// Searcher.search's keyword arguments as SearchOptions.
#pragma once

#include <pybind11/pybind11.h>

#include "lisan/searcher/searcher.h"

namespace lisan::python {

// Throws InvalidArgument for an unknown option or a value of another type.
SearchOptions search_options_from_python(const pybind11::kwargs& options);

// The docstring of Searcher.search: every option, its type and default.
const char* search_options_help();

}  // namespace lisan::python
