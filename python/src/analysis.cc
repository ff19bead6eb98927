// lisan.analyze and lisan.detect_language: the analysis the indexer and the
// searcher share, for people who want to see what a text becomes.
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "bindings.h"
#include "lisan/analyzers/analyzer.h"
#include "lisan/analyzers/language_detector.h"

namespace lisan::python {

namespace {

// One analysed word, with its place in the Python str of the text.
struct PyToken {
  std::string term;
  std::string stem;
  std::size_t start = 0;
  std::size_t end = 0;
  std::uint32_t position = 0;
  std::string lang;
  bool is_stopword = false;
  bool is_number = false;
  bool is_arabic_script = false;
};

AnalysisContext& thread_analysis() {
  // Costly to build (ICU break iterator, stemmers); one per thread, as the
  // C++ library requires.
  thread_local AnalysisContext context;
  return context;
}

std::vector<PyToken> analyze_text(const std::string& text, Language lang) {
  std::vector<PyToken> tokens;
  TokenStream stream = thread_analysis().analyze(text, lang);
  // Offsets grow, so each code point count continues from the last.
  std::size_t counted_bytes = 0;
  std::size_t counted_points = 0;
  const auto points_at = [&](std::size_t byte) {
    counted_points +=
        code_point_offset(std::string_view(text).substr(counted_bytes), byte - counted_bytes);
    counted_bytes = byte;
    return counted_points;
  };
  while (const Token* token = stream.next()) {
    PyToken out;
    out.term = token->term;
    out.stem = token->stem;
    out.start = points_at(token->begin);
    out.end = points_at(token->end);
    out.position = token->position;
    out.lang = language_code(token->stem_language);
    out.is_stopword = token->is_stopword;
    out.is_number = token->is_number;
    out.is_arabic_script = token->is_arabic_script;
    tokens.push_back(std::move(out));
  }
  return tokens;
}

std::vector<PyToken> analyze(const std::string& text, const std::optional<std::string>& lang) {
  const Language language = lang ? language_argument(*lang) : detect_language(text);
  py::gil_scoped_release unlocked;
  return analyze_text(text, language);
}

std::string detect(const std::string& text) {
  py::gil_scoped_release unlocked;
  return std::string(language_code(detect_language(text)));
}

}  // namespace

void bind_analysis(py::module_& m) {
  py::class_<PyToken>(m, "Token", "One word of analysed text.")
      .def_readonly("term", &PyToken::term,
                    "The indexed form: NFKC case-folded, Arabic letters folded, unstemmed.")
      .def_readonly("stem", &PyToken::stem, "Its Snowball stem in `lang` (= term if unstemmed).")
      .def_readonly("start", &PyToken::start, "Index of its first character in the text.")
      .def_readonly("end", &PyToken::end, "Index just past its last character: text[start:end].")
      .def_readonly("position", &PyToken::position, "1-based word position.")
      .def_readonly("lang", &PyToken::lang, "The language whose stemmer made `stem`.")
      .def_readonly("is_stopword", &PyToken::is_stopword)
      .def_readonly("is_number", &PyToken::is_number)
      .def_readonly("is_arabic_script", &PyToken::is_arabic_script)
      .def("__repr__", [](const PyToken& t) {
        return "Token(term=" + py::repr(py::str(t.term)).cast<std::string>() +
               ", stem=" + py::repr(py::str(t.stem)).cast<std::string>() +
               ", start=" + std::to_string(t.start) + ", end=" + std::to_string(t.end) +
               ", lang='" + t.lang + "')";
      });
  m.def("analyze", &analyze, py::arg("text"), py::arg("lang") = py::none(),
        "The words of `text` as lisan indexes and searches them.\n\n"
        "lang: 'ar', 'id', 'en' or 'und'; None detects the text's language (as the indexer\n"
        "does). Arabic-script words are stemmed as Arabic whatever the language.\n"
        "Ill-formed text is repaired, never refused. Returns a list of Token.");
  m.def("detect_language", &detect, py::arg("text"),
        "The language code lisan's detector gives `text`: 'ar', 'id', 'en' or 'und'.");
}

}  // namespace lisan::python
