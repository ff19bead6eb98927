// The connection side of `lisan serve`: one thread watches every connection
// with poll() and hands a request to the worker threads only once all of its
// bytes have arrived, so slow or idle clients hold a file descriptor and a
// buffer, never a worker. Requests and their answers are plain bytes: what a
// request means is the business of the RequestHandler (search_server.cc).
//
// Per connection, requests are answered one at a time and in order
// (pipelining), also after the client half-closed its side. A request must
// arrive whole within `request_timeout` of its first byte (else 408), an idle
// connection is closed after `idle_timeout`, an answer the client does not
// read within `write_timeout` is dropped with its connection, and clients
// beyond `max_connections` (or `max_connections_per_client` from one address)
// get 503 at once.
//
// Thread-safety: run() blocks on the calling thread; stop() may be called
// from any thread (also before run()) and makes run() return once the
// requests already with a worker are answered. One run() per object.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace lisan::cli {

// Where a request's bytes end in what a connection has sent so far.
struct RequestFrame {
  enum class State { kIncomplete, kComplete, kBad };
  State state = State::kIncomplete;
  std::size_t size = 0;  // kComplete: bytes of the request (head and body)
  int status = 0;        // kBad: the HTTP status to answer with
  std::string message;   // kBad: why, for the JSON error
};

inline constexpr std::size_t kMaxRequestHeadBytes = 16 * 1024;
inline constexpr std::size_t kMaxRequestBodyBytes = 64 * 1024;

// Finds the first request in `buffered`: a head ending in an empty line and a
// body of Content-Length bytes. Chunked bodies are not accepted (501).
RequestFrame frame_request(std::string_view buffered);

// A whole HTTP response carrying {"error": message}, closing the connection.
std::string error_response(int status, std::string_view message);

struct FrontLimits {
  std::size_t workers = 4;
  std::size_t max_connections = 512;
  std::size_t max_connections_per_client = 64;
  std::chrono::milliseconds request_timeout{10000};
  std::chrono::milliseconds idle_timeout{5000};
  std::chrono::milliseconds write_timeout{10000};
  std::size_t max_requests_per_connection = 100;
};

// Answers one request (its exact bytes). Sets `close` when the connection
// must end after this answer. Called on a worker thread; may throw nothing.
using RequestHandler =
    std::function<std::string(std::string_view request, const std::string& client, bool& close)>;

// What a client that sent `bytes` and then half-closed gets back: its whole
// requests answered in order, as HttpFront answers them, without sockets or
// threads (for the fuzzer). A cut-off last request gets no answer.
std::string answer_connection(std::string_view bytes, const std::string& client,
                              const RequestHandler& handler,
                              std::size_t max_requests = FrontLimits{}.max_requests_per_connection);

class HttpFront {
 public:
  // Takes ownership of `listen_fd`, a bound, listening TCP socket.
  HttpFront(int listen_fd, FrontLimits limits, RequestHandler handler);
  ~HttpFront();
  HttpFront(const HttpFront&) = delete;
  HttpFront& operator=(const HttpFront&) = delete;

  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lisan::cli
