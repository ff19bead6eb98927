// lisan's HTTP front: JSON search, index information, a health check and the
// search page, over cpp-httplib, answered by a pool of worker threads.
//
//   GET /search?q=…&lang=ar|id|en|und&offset=N&limit=N&explain=1
//                the JSON of `lisan search --json`; bad parameters get
//                400 {"error": "..."} (and "offset" for query errors)
//   GET /info    the JSON of `lisan info --json`
//   GET /healthz {"status": "ok"}
//   GET /        the search page (web/, built into the program)
//
// Thread-safety: run() blocks on the calling thread; stop() may be called
// from any other thread and makes run() return once the requests already
// being answered are done. Lifetime: one run() per object.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lisan::cli {

struct ServerOptions {
  std::vector<std::string> db_paths;
  std::string host = "127.0.0.1";
  int port = 8080;              // 0: any free port (see bound_port())
  std::size_t threads = 4;      // worker threads, each with its own Searcher
  std::size_t max_limit = 100;  // largest `limit` a request may ask for
  // A searcher is reopened (to see new commits) when older than this.
  std::chrono::milliseconds refresh{10000};
  // A search running longer is stopped and answered 503, so that expensive
  // queries cannot hold every worker (0: no limit).
  std::chrono::milliseconds query_time_limit{2000};
  // Slow or idle clients hold a connection, never a worker (http_front.h).
  std::size_t max_connections = 512;                 // beyond: 503 at once
  std::size_t max_connections_per_client = 64;       // from one address; beyond: 503
  std::chrono::milliseconds request_timeout{10000};  // a whole request, from its first byte
  std::chrono::milliseconds idle_timeout{5000};      // between requests on a connection
  std::size_t max_requests_per_connection = 100;
  // Host names answered besides localhost, 127.0.0.1, [::1] and `host` when
  // `host` is a loopback address (lower case, without port); others get 421.
  std::vector<std::string> allowed_hosts;
};

class SearchServer {
 public:
  // Opens the index(es) and binds the address. Throws IndexError when an
  // index cannot be opened, IoError when the address cannot be bound.
  explicit SearchServer(const ServerOptions& options);
  ~SearchServer();
  SearchServer(const SearchServer&) = delete;
  SearchServer& operator=(const SearchServer&) = delete;

  int bound_port() const;
  // Serves until stop(). Returns false when listening failed.
  bool run();
  void stop();

  // The bytes a client that sent `request_bytes` and half-closed would get
  // back, answered on the calling thread without the network (fuzz/).
  std::string answer(std::string_view request_bytes);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lisan::cli
