// The TSV files of the shared corpus (parallel sentences, queries): a header
// line of column names, then one row a line, cells escaping \t \n \r and \\.
// One reader for the tests, evaluations and benchmarks that read them.
#pragma once

#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace lisan::corpus {

// A cell as written: "\t" "\n" "\r" "\\" are the escaped characters; any
// other escaped character stands for itself.
inline std::string unescape_tsv_cell(std::string_view cell) {
  std::string out;
  out.reserve(cell.size());
  for (std::size_t i = 0; i < cell.size(); ++i) {
    if (cell[i] != '\\' || i + 1 == cell.size()) {
      out += cell[i];
      continue;
    }
    const char next = cell[++i];
    out += next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : next;
  }
  return out;
}

inline std::vector<std::string> split_tsv_line(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::vector<std::string> cells;
  while (true) {
    const std::size_t tab = line.find('\t');
    cells.push_back(unescape_tsv_cell(line.substr(0, tab)));
    if (tab == std::string_view::npos) return cells;
    line.remove_prefix(tab + 1);
  }
}

using TsvRow = std::map<std::string, std::string>;  // column name → cell

// The rows of `path`; blank lines are skipped, missing trailing cells are
// absent from their row. Throws std::runtime_error when the file cannot be
// read, so that an evaluation never reports on nothing.
inline std::vector<TsvRow> read_tsv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<TsvRow> rows;
  std::vector<std::string> header;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line == "\r") continue;
    std::vector<std::string> cells = split_tsv_line(line);
    if (header.empty()) {
      header = std::move(cells);
      continue;
    }
    TsvRow row;
    for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) {
      row[header[i]] = std::move(cells[i]);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace lisan::corpus
