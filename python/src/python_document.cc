#include "python_document.h"

#include <string>

#include "bindings.h"
#include "lisan/analyzers/error.h"

namespace lisan::python {

namespace {

std::string describe(const py::handle& doc, const std::string& id) {
  return id.empty() ? "a document (" + py::repr(doc).cast<std::string>().substr(0, 80) + ")"
                    : "document '" + id + "'";
}

std::string text_value(const py::handle& value, const char* key, const std::string& what) {
  if (!py::isinstance<py::str>(value)) {
    throw InvalidArgument(what + ": '" + key + "' must be a str, not " +
                          py::str(py::type::handle_of(value).attr("__name__")).cast<std::string>());
  }
  return value.cast<std::string>();
}

}  // namespace

SourceDocument to_source_document(py::handle doc) {
  if (!PyMapping_Check(doc.ptr()) || py::isinstance<py::str>(doc)) {
    throw InvalidArgument("a document is a mapping such as {'id': ..., 'text': ...}, not " +
                          py::str(py::type::handle_of(doc).attr("__name__")).cast<std::string>());
  }
  const py::object get = doc.attr("get");
  SourceDocument source;
  const py::object id = get("id");
  if (!id.is_none()) source.id = text_value(id, "id", describe(doc, ""));
  const std::string what = describe(doc, source.id);
  if (source.id.empty()) throw InvalidArgument(what + " has no 'id'");
  for (const py::handle key : doc.attr("keys")()) {
    const std::string name = py::str(key).cast<std::string>();
    const py::object value = doc.attr("__getitem__")(key);
    if (name == "id") continue;
    if (name == "lang") {
      if (!value.is_none()) source.language = language_argument(text_value(value, "lang", what));
    } else if (name == "text") {
      source.text = text_value(value, "text", what);
    } else if (name == "title") {
      source.title = text_value(value, "title", what);
    } else if (name == "url") {
      source.url = text_value(value, "url", what);
    } else {
      throw InvalidArgument(what + ": unknown key '" + name +
                            "' (a document has id, text, title, url and lang)");
    }
  }
  return source;
}

}  // namespace lisan::python
