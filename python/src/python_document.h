// A document given from Python (a mapping) as the indexer's SourceDocument.
#pragma once

#include <pybind11/pybind11.h>

#include "lisan/indexer/indexer.h"

namespace lisan::python {

// Keys: "id" (str, required), "text", "title", "url" (str), "lang" (a code
// or None), "fields" (field name → a value or a list of values: str, int,
// float, date, datetime). Throws InvalidArgument for a missing or empty id, an unknown key
// or a value of another type, naming the document.
SourceDocument to_source_document(pybind11::handle doc);

}  // namespace lisan::python
