#include "database_source.h"

#include <charconv>
#include <filesystem>
#include <fstream>

#include "lisan/analyzers/error.h"

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
bool stub_lists_only_local_databases(const std::filesystem::path& stub) {
  std::ifstream in(stub);
  std::string line;
  bool any = false;
  while (std::getline(in, line)) {
    const std::size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    const std::string_view entry = std::string_view(line).substr(start);
    if (!entry.starts_with("auto ") && !entry.starts_with("glass ")) return false;
    any = true;
  }
  return any && !in.bad();
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
