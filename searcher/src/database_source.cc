#include "database_source.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <vector>

#include "lisan/analyzers/error.h"
#include "lisan/format/index_error.h"

namespace lisan::internal {
namespace {

constexpr std::string_view kTcpScheme = "tcp://";
// Milliseconds. A shard that does not answer fails the search after this
// long, rather than hanging it (Xapian's connect default is 10 s).
constexpr unsigned kRemoteTimeoutMs = 10000;
constexpr unsigned kRemoteConnectTimeoutMs = 5000;

Xapian::Database open_remote(const std::string& source) {
  const std::string_view address = std::string_view(source).substr(kTcpScheme.size());
  const std::size_t colon = address.rfind(':');
  auto bad = [&](const std::string& why) {
    return InvalidArgument("remote index " + source + ": " + why +
                           " (expected tcp://HOST:PORT, e.g. tcp://10.0.0.2:7000)");
  };
  if (colon == std::string_view::npos || colon == 0) throw bad("no host and port");
  std::string host(address.substr(0, colon));
  // [::1]:7000 names an IPv6 host.
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string_view port_text = address.substr(colon + 1);
  unsigned port = 0;
  const auto [end, error] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (error != std::errc() || end != port_text.data() + port_text.size() || port == 0 ||
      port > 65535) {
    throw bad("bad port \"" + std::string(port_text) + "\"");
  }
  return Xapian::Remote::open(host, port, kRemoteTimeoutMs, kRemoteConnectTimeoutMs);
}

// A stub's lines, as Xapian reads them: a database type and its address.
struct StubEntries {
  std::vector<std::filesystem::path> local;  // "auto" or "glass", resolved as Xapian does
  bool other = false;                        // a remote or another backend's database
  bool unreadable = false;
};

StubEntries read_stub(const std::filesystem::path& stub) {
  std::ifstream in(stub);
  std::string line;
  StubEntries entries;
  while (std::getline(in, line)) {
    const std::size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    const std::string_view entry = std::string_view(line).substr(start);
    const std::size_t space = entry.find(' ');
    const std::string_view type = entry.substr(0, space);
    if (space == std::string_view::npos || (type != "auto" && type != "glass")) {
      entries.other = true;
      continue;
    }
    // Relative paths are relative to the stub's folder.
    entries.local.push_back(stub.parent_path() / std::filesystem::path(entry.substr(space + 1)));
  }
  entries.unreadable = in.bad();
  return entries;
}

bool stub_lists_only_local_databases(const std::filesystem::path& stub) {
  const StubEntries entries = read_stub(stub);
  return !entries.local.empty() && !entries.other && !entries.unreadable;
}

IndexError incomplete_index(const std::string& folder, std::string_view table,
                            std::string_view why) {
  return IndexError("index " + folder + " is incomplete (" + std::string(table) +
                    ".glass is missing" + std::string(why) +
                    "): restore the file from a backup or rebuild the index in a new folder");
}

bool has_table(const std::filesystem::path& folder, std::string_view table) {
  std::error_code error;
  return std::filesystem::exists(folder / (std::string(table) + ".glass"), error);
}

// Xapian creates the docdata and termlist tables lazily and opens a database
// without their files as if they were empty (xapian-check passes it too), so
// a lost file made hits without ids or text. Every lisan document stores
// data and terms: with documents, the files must be there.
void check_tables_present(const std::string& folder) {
  if (!has_table(folder, "postlist")) throw incomplete_index(folder, "postlist", "");
  if (has_table(folder, "docdata") && has_table(folder, "termlist")) return;
  const Xapian::doccount documents = Xapian::Database(folder).get_doccount();
  if (documents == 0) return;
  for (std::string_view table : {"docdata", "termlist"}) {
    if (!has_table(folder, table)) {
      throw incomplete_index(folder, table,
                             ", yet it holds " + std::to_string(documents) + " documents");
    }
  }
}

// The glass databases a local source holds: itself, or those its stub lists.
std::vector<std::string> glass_folders(const std::string& source) {
  if (is_index_folder(source)) return {source};
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path stub =
      fs::is_directory(source, error) ? fs::path(source) / "XAPIANDB" : fs::path(source);
  std::vector<std::string> folders;
  for (const fs::path& entry : read_stub(stub).local) {
    if (is_index_folder(entry.string())) folders.push_back(entry.lexically_normal().string());
  }
  return folders;
}

}  // namespace

bool is_index_folder(const std::string& path) {
  std::error_code error;
  return std::filesystem::is_directory(path, error) &&
         std::filesystem::exists(std::filesystem::path(path) / "iamglass", error);
}

bool is_local_source(const std::string& source) {
  if (source.starts_with(kTcpScheme)) return false;
  if (is_index_folder(source)) return true;
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path path(source);
  if (fs::is_directory(path, error)) {
    return fs::exists(path / "XAPIANDB", error) &&
           stub_lists_only_local_databases(path / "XAPIANDB");
  }
  return fs::is_regular_file(path, error) && stub_lists_only_local_databases(path);
}

Xapian::Database open_database(const std::string& source) {
  if (source.starts_with(kTcpScheme)) return open_remote(source);
  std::error_code error;
  const std::filesystem::file_status status = std::filesystem::status(source, error);
  if (!std::filesystem::exists(status)) {
    throw IndexError("no index at " + source + " (run `lisan index --db " + source +
                     " PATH…` first)");
  }
  if (!std::filesystem::is_directory(status) && !std::filesystem::is_regular_file(status)) {
    throw IndexError("index path " + source + " is neither an index folder nor a stub file");
  }
  for (const std::string& folder : glass_folders(source)) check_tables_present(folder);
  if (std::filesystem::is_regular_file(status)) {
    // A file may be a Xapian stub listing shards; anything else in a file is
    // a wrong --db, better named so than by Xapian's parse error.
    try {
      return Xapian::Database(source);
    } catch (const Xapian::DatabaseOpeningError& e) {
      throw IndexError("index path " + source +
                       " is a file, and not an index folder nor a Xapian stub file (" +
                       e.get_msg() + ")");
    }
  }
  return Xapian::Database(source);
}

}  // namespace lisan::internal
