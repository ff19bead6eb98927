#include "python_document.h"

#include <string>
#include <vector>

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

// One field value as lisan takes it: a str as it is, a number as written,
// a date or datetime in ISO 8601 (a naive datetime is UTC, as in lisan).
std::string field_value(const py::handle& value, const std::string& name, const std::string& what) {
  if (py::isinstance<py::str>(value)) return value.cast<std::string>();
  if (py::isinstance<py::bool_>(value)) {
    throw InvalidArgument(what + ": field '" + name + "' has a bool; give a str or a number");
  }
  if (py::isinstance<py::int_>(value) || py::isinstance<py::float_>(value)) {
    return py::repr(value).cast<std::string>();
  }
  if (py::hasattr(value, "isoformat")) return value.attr("isoformat")().cast<std::string>();
  throw InvalidArgument(what + ": field '" + name + "' must be a str, a number, a date or a " +
                        "list of them, not " +
                        py::str(py::type::handle_of(value).attr("__name__")).cast<std::string>());
}

FieldValues field_values(const py::handle& fields, const std::string& what) {
  if (!is_mapping(fields)) {
    throw InvalidArgument(what + ": 'fields' must be a mapping of field names to values");
  }
  FieldValues out;
  for (const py::handle key : fields.attr("keys")()) {
    const std::string name = py::str(key).cast<std::string>();
    const py::object value = fields.attr("__getitem__")(key);
    std::vector<std::string>& values = out[name];
    if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
      for (const py::handle item : value) values.push_back(field_value(item, name, what));
    } else if (!value.is_none()) {
      values.push_back(field_value(value, name, what));
    }
  }
  return out;
}

}  // namespace

SourceDocument to_source_document(py::handle doc) {
  if (!is_mapping(doc)) {
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
    } else if (name == "fields") {
      source.fields = field_values(value, what);
    } else {
      throw InvalidArgument(what + ": unknown key '" + name +
                            "' (a document has id, text, title, url, lang and fields)");
    }
  }
  return source;
}

}  // namespace lisan::python
