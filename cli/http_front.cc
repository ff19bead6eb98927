#include "http_front.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

namespace lisan::cli {
namespace {

using Clock = std::chrono::steady_clock;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x | 0x20) == (y | 0x20);
         });
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

RequestFrame bad(int status, std::string message) {
  return {RequestFrame::State::kBad, 0, status, std::move(message)};
}

// The body length the head announces; a bad frame when it cannot be trusted.
// Two different Content-Length values would let two readers of the same
// bytes disagree on where the next request starts, so they are refused.
std::variant<std::size_t, RequestFrame> body_length(std::string_view head) {
  std::optional<std::size_t> length;
  std::size_t line_start = head.find("\r\n");
  while (line_start != std::string_view::npos && line_start + 2 < head.size()) {
    const std::size_t begin = line_start + 2;
    const std::size_t end = head.find("\r\n", begin);
    const std::string_view line =
        head.substr(begin, (end == std::string_view::npos ? head.size() : end) - begin);
    line_start = end;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = trim(line.substr(colon + 1));
    if (iequals(name, "Transfer-Encoding")) {
      return bad(501, "request bodies in chunks are not accepted");
    }
    if (!iequals(name, "Content-Length")) continue;
    std::size_t parsed = 0;
    const auto [ptr, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (value.empty() || error != std::errc() || ptr != value.data() + value.size()) {
      return bad(400, "Content-Length must be a number of bytes");
    }
    if (length && *length != parsed) return bad(400, "two different Content-Length headers");
    length = parsed;
  }
  if (length.value_or(0) > kMaxRequestBodyBytes) {
    return bad(
        413, "request body too large (at most " + std::to_string(kMaxRequestBodyBytes) + " bytes)");
  }
  return length.value_or(0);
}

std::string_view reason(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 408:
      return "Request Timeout";
    case 413:
      return "Payload Too Large";
    case 431:
      return "Request Header Fields Too Large";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    default:
      return "Error";
  }
}

int set_nonblocking(int fd) { return fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); }

std::string peer_address(const sockaddr_storage& address) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(address).sin_addr, text, sizeof text);
  } else if (address.ss_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(address).sin6_addr, text,
              sizeof text);
  }
  return text;
}

// A file descriptor closed by its destructor.
class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  ~UniqueFd() { reset(); }
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

}  // namespace

RequestFrame frame_request(std::string_view buffered) {
  const std::size_t head_end = buffered.find("\r\n\r\n");
  if (head_end == std::string_view::npos || head_end + 4 > kMaxRequestHeadBytes) {
    if (std::min(buffered.size(), head_end) >= kMaxRequestHeadBytes) {
      return bad(431, "request head too large (at most " + std::to_string(kMaxRequestHeadBytes) +
                          " bytes)");
    }
    return {};
  }
  const std::size_t head_size = head_end + 4;
  auto length = body_length(buffered.substr(0, head_size));
  if (auto* frame = std::get_if<RequestFrame>(&length)) return std::move(*frame);
  const std::size_t size = head_size + std::get<std::size_t>(length);
  if (buffered.size() < size) return {};
  return {RequestFrame::State::kComplete, size, 0, {}};
}

std::string error_response(int status, std::string_view message) {
  const std::string body = nlohmann::json{{"error", message}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason(status)) +
                    "\r\n"
                    "Content-Type: application/json; charset=utf-8\r\n"
                    "Cache-Control: no-store\r\n"
                    "X-Content-Type-Options: nosniff\r\n"
                    "Connection: close\r\n"
                    "Content-Length: " +
                    std::to_string(body.size()) + "\r\n\r\n";
  return out + body;
}

std::string answer_connection(std::string_view bytes, const std::string& client,
                              const RequestHandler& handler, std::size_t max_requests) {
  std::string out;
  for (std::size_t served = 1;; ++served) {
    const RequestFrame frame = frame_request(bytes);
    if (frame.state == RequestFrame::State::kBad)
      return out + error_response(frame.status, frame.message);
    if (frame.state == RequestFrame::State::kIncomplete) return out;
    bool close = served >= max_requests;
    out += handler(bytes.substr(0, frame.size), client, close);
    bytes.remove_prefix(frame.size);
    if (close) return out;
  }
}

struct HttpFront::Impl {
  struct Connection {
    UniqueFd fd;
    std::string client;
    std::string in;
    std::string out;
    std::size_t sent = 0;
    bool busy = false;       // a request of it is with a worker
    bool peer_done = false;  // the client half-closed (or hung up)
    bool closing = false;    // close once `out` is sent
    std::size_t served = 0;
    Clock::time_point since;  // start of the current wait (idle, request, write)
  };
  struct Job {
    std::uint64_t id;
    std::string request;
    std::string client;
    bool last;
  };
  struct Done {
    std::uint64_t id;
    std::string response;
    bool close;
  };

  Impl(int fd, FrontLimits lim, RequestHandler h)
      : listener(fd),
        wake(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)),
        limits(lim),
        handler(std::move(h)) {
    set_nonblocking(listener.get());
  }

  // ---- worker threads ----
  void start_workers() {
    for (std::size_t k = 0; k < std::max<std::size_t>(limits.workers, 1); ++k) {
      workers.emplace_back([this] { work(); });
    }
  }
  void work() {
    for (;;) {
      Job job;
      {
        std::unique_lock lock(jobs_mutex);
        jobs_ready.wait(lock, [this] { return !jobs.empty() || workers_quit; });
        if (jobs.empty()) return;
        job = std::move(jobs.front());
        jobs.pop_front();
      }
      bool close = job.last;
      std::string response = handler(job.request, job.client, close);
      {
        const std::lock_guard lock(done_mutex);
        done.push_back({job.id, std::move(response), close || job.last});
      }
      signal_wake();
    }
  }
  void stop_workers() {
    {
      const std::lock_guard lock(jobs_mutex);
      workers_quit = true;
    }
    jobs_ready.notify_all();
    workers.clear();  // joins
  }
  void signal_wake() {
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(wake.get(), &one, sizeof one);
  }

  // ---- connections ----
  void accept_all() {
    for (;;) {
      sockaddr_storage address{};
      socklen_t length = sizeof address;
      UniqueFd fd(accept4(listener.get(), reinterpret_cast<sockaddr*>(&address), &length,
                          SOCK_NONBLOCK | SOCK_CLOEXEC));
      if (fd.get() < 0) return;  // EAGAIN, or out of descriptors: try at the next wake
      const int yes = 1;
      setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
      std::string client = peer_address(address);
      if (connections.size() >= limits.max_connections ||
          per_client[client] >= limits.max_connections_per_client) {
        refuse(fd.get(), connections.size() >= limits.max_connections);
        if (per_client[client] == 0) per_client.erase(client);
        continue;
      }
      ++per_client[client];
      Connection connection;
      connection.fd = std::move(fd);
      connection.client = std::move(client);
      connection.since = Clock::now();
      connections.emplace(next_id++, std::move(connection));
    }
  }
  // Best effort: the answer fits a fresh socket's buffer; a client that
  // cannot take it loses nothing it was promised.
  static void refuse(int fd, bool server_full) {
    const std::string response = error_response(
        503, server_full ? "too many connections; try again shortly"
                         : "too many connections from your address; try again shortly");
    [[maybe_unused]] const ssize_t n = send(fd, response.data(), response.size(), MSG_NOSIGNAL);
    shutdown(fd, SHUT_WR);
  }

  void read_from(Connection& c) {
    char buffer[16384];
    while (c.in.size() < kMaxRequestHeadBytes + kMaxRequestBodyBytes) {
      const ssize_t n = recv(c.fd.get(), buffer, sizeof buffer, 0);
      if (n > 0) {
        if (c.in.empty() && !c.busy && c.out.empty()) c.since = Clock::now();
        c.in.append(buffer, static_cast<std::size_t>(n));
        continue;
      }
      if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
        c.peer_done = true;
      }
      return;
    }
  }

  void write_to(Connection& c) {
    while (c.sent < c.out.size()) {
      const ssize_t n =
          send(c.fd.get(), c.out.data() + c.sent, c.out.size() - c.sent, MSG_NOSIGNAL);
      if (n > 0) {
        c.sent += static_cast<std::size_t>(n);
        continue;
      }
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
      c.closing = true;  // the client is gone: nothing more can reach it
      c.out.clear();
      c.sent = 0;
      return;
    }
    c.out.clear();
    c.sent = 0;
    c.since = Clock::now();
  }

  // Hands the next whole request to a worker, or answers a bad one.
  void advance(std::uint64_t id, Connection& c) {
    if (c.busy || c.closing || stopping) return;
    const RequestFrame frame = frame_request(c.in);
    if (frame.state == RequestFrame::State::kBad) {
      c.out += error_response(frame.status, frame.message);
      c.in.clear();
      c.closing = true;
    } else if (frame.state == RequestFrame::State::kComplete) {
      ++c.served;
      const bool last = c.served >= limits.max_requests_per_connection;
      Job job{id, c.in.substr(0, frame.size), c.client, last};
      c.in.erase(0, frame.size);
      c.busy = true;
      {
        const std::lock_guard lock(jobs_mutex);
        jobs.push_back(std::move(job));
      }
      jobs_ready.notify_one();
    } else if (c.peer_done) {
      c.closing = true;  // the rest of a request will never come
    }
  }

  void collect_done() {
    std::uint64_t drained = 0;
    [[maybe_unused]] const ssize_t n = ::read(wake.get(), &drained, sizeof drained);
    std::vector<Done> finished;
    {
      const std::lock_guard lock(done_mutex);
      finished.assign(std::make_move_iterator(done.begin()), std::make_move_iterator(done.end()));
      done.clear();
    }
    for (Done& d : finished) {
      const auto it = connections.find(d.id);
      if (it == connections.end()) continue;
      Connection& c = it->second;
      c.busy = false;
      if (c.out.empty()) c.since = Clock::now();
      c.out += d.response;
      if (d.close) c.closing = true;
    }
  }

  // Whether `c` has outlived its current wait; a late request gets 408.
  bool expired(Connection& c, Clock::time_point now) {
    if (c.busy) return false;
    if (!c.out.empty()) return now - c.since > limits.write_timeout;
    if (c.closing) return true;
    if (c.in.empty()) return now - c.since > limits.idle_timeout;
    if (now - c.since > limits.request_timeout) {
      c.out = error_response(408, "the request did not arrive in time");
      c.in.clear();
      c.closing = true;
      c.since = now;
      write_to(c);
      return c.out.empty();
    }
    return false;
  }

  bool finished(const Connection& c) const {
    if (c.busy || !c.out.empty()) return false;
    return c.closing || (c.peer_done && c.in.empty()) || stopping;
  }

  void close_connection(std::map<std::uint64_t, Connection>::iterator it) {
    auto count = per_client.find(it->second.client);
    if (count != per_client.end() && --count->second == 0) per_client.erase(count);
    shutdown(it->second.fd.get(), SHUT_WR);
    connections.erase(it);
  }

  int poll_timeout_ms(Clock::time_point now) const {
    auto wait = std::chrono::milliseconds(1000);
    const auto shortest = std::min({limits.idle_timeout, limits.request_timeout,
                                    limits.write_timeout, std::chrono::milliseconds(1000)});
    for (const auto& [id, c] : connections) {
      if (c.busy) continue;
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(c.since + shortest - now);
      wait = std::min(wait, std::max(left, std::chrono::milliseconds(10)));
    }
    return static_cast<int>(wait.count());
  }

  void loop() {
    std::vector<pollfd> fds;
    std::vector<std::uint64_t> ids;
    while (!(stopping && connections.empty())) {
      fds.clear();
      ids.clear();
      fds.push_back({wake.get(), POLLIN, 0});
      if (!stopping) fds.push_back({listener.get(), POLLIN, 0});
      const std::size_t first_connection = fds.size();
      for (auto& [id, c] : connections) {
        short events = 0;
        if (!c.peer_done && !c.closing &&
            c.in.size() < kMaxRequestHeadBytes + kMaxRequestBodyBytes) {
          events |= POLLIN;
        }
        if (!c.out.empty()) events |= POLLOUT;
        // Nothing to wait for (a worker has its request): a negative fd is
        // skipped, so a hung-up client cannot make poll() spin meanwhile.
        fds.push_back({events != 0 ? c.fd.get() : -1, events, 0});
        ids.push_back(id);
      }
      if (poll(fds.data(), fds.size(), poll_timeout_ms(Clock::now())) < 0 && errno != EINTR) {
        return;
      }
      if (fds[0].revents != 0) collect_done();
      if (stop_requested.load() && !stopping) {
        stopping = true;
        listener.reset();
      } else if (!stopping && fds[1].revents != 0) {
        accept_all();
      }
      for (std::size_t k = 0; k < ids.size(); ++k) {
        const auto it = connections.find(ids[k]);
        if (it == connections.end()) continue;
        const short revents = fds[first_connection + k].revents;
        if (revents & (POLLIN | POLLHUP | POLLERR)) read_from(it->second);
        if (revents & POLLOUT) write_to(it->second);
      }
      sweep();
    }
  }

  // Starts what can start, sends what can be sent, closes what is done.
  void sweep() {
    const Clock::time_point now = Clock::now();
    for (auto it = connections.begin(); it != connections.end();) {
      Connection& c = it->second;
      advance(it->first, c);
      if (!c.out.empty()) write_to(c);
      if (finished(c) || expired(c, now)) {
        close_connection(it++);
      } else {
        ++it;
      }
    }
  }

  UniqueFd listener;
  UniqueFd wake;
  FrontLimits limits;
  RequestHandler handler;
  std::atomic<bool> stop_requested{false};
  bool stopping = false;  // the loop's own view of stop_requested
  std::map<std::uint64_t, Connection> connections;
  std::map<std::string, std::size_t> per_client;
  std::uint64_t next_id = 0;

  std::mutex jobs_mutex;
  std::condition_variable jobs_ready;
  std::deque<Job> jobs;
  bool workers_quit = false;
  std::mutex done_mutex;
  std::vector<Done> done;
  std::vector<std::jthread> workers;
};

HttpFront::HttpFront(int listen_fd, FrontLimits limits, RequestHandler handler)
    : impl_(std::make_unique<Impl>(listen_fd, limits, std::move(handler))) {}

HttpFront::~HttpFront() = default;

void HttpFront::run() {
  impl_->start_workers();
  impl_->loop();
  impl_->stop_workers();
}

void HttpFront::stop() {
  impl_->stop_requested.store(true);
  impl_->signal_wake();
}

}  // namespace lisan::cli
