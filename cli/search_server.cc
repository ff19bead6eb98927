#include "search_server.h"

#include <httplib.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "http_front.h"
#include "lisan/analyzers/error.h"
#include "lisan/analyzers/language.h"
#include "lisan/format/index_error.h"
#include "lisan/searcher/errors.h"
#include "results_json.h"
#include "searcher_pool.h"
#include "terminal_text.h"
#include "web_assets.h"

namespace lisan::cli {
namespace {

constexpr const char* kJson = "application/json; charset=utf-8";
// Longer queries are refused: they cost analysis for every candidate
// language and no person types them.
constexpr std::size_t kMaxQueryBytes = 2048;
constexpr std::size_t kMaxOffset = 100000;

// A request the client must change; becomes 400 with {"error": message}.
struct BadRequest {
  std::string message;
};

void send_json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  // A browser must not read the JSON as a page or a script, whatever it holds.
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_content(body, kJson);
}

void send_error(httplib::Response& res, int status, const std::string& message,
                std::optional<std::size_t> offset = std::nullopt) {
  nlohmann::json body = {{"error", message}};
  if (offset) body["offset"] = *offset;
  send_json(res, status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::optional<std::string> single_param(const httplib::Request& req, const std::string& name) {
  if (!req.has_param(name)) return std::nullopt;
  if (req.get_param_value_count(name) > 1) throw BadRequest{"give " + name + " only once"};
  return req.get_param_value(name);
}

std::size_t count_param(const httplib::Request& req, const std::string& name, std::size_t fallback,
                        std::size_t max) {
  const std::optional<std::string> text = single_param(req, name);
  if (!text) return fallback;
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (text->empty() || error != std::errc() || end != text->data() + text->size()) {
    throw BadRequest{name + " must be a whole number from 0 to " + std::to_string(max) +
                     ", not \"" + *text + "\""};
  }
  if (value > max) throw BadRequest{name + " must be at most " + std::to_string(max)};
  return value;
}

bool flag_param(const httplib::Request& req, const std::string& name) {
  const std::optional<std::string> text = single_param(req, name);
  if (!text || *text == "0" || *text == "false") return false;
  if (text->empty() || *text == "1" || *text == "true") return true;
  throw BadRequest{name + " must be 1 or 0, not \"" + *text + "\""};
}

std::string error_name(int status) {
  switch (status) {
    case 400:
      return "bad request";
    case 404:
      return "no such page";
    case 405:
      return "method not allowed";
    case 413:
      return "request too large";
    case 421:
      return "unknown host name";
    case 414:
      return "address too long";
    default:
      return "error " + std::to_string(status);
  }
}

bool is_loopback_host(std::string_view host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

// The name in a Host header, without its port or IPv6 brackets, lower case.
std::string host_name(std::string_view header) {
  if (header.starts_with('[')) {
    const std::size_t close = header.find(']');
    header = header.substr(1, close == std::string_view::npos ? header.size() : close - 1);
  } else if (const std::size_t colon = header.rfind(':'); colon != std::string_view::npos) {
    header = header.substr(0, colon);
  }
  std::string name(header);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name;
}

// Every value of a repeatable parameter (filter=, facet=), bounded in count
// and size as q is.
std::vector<std::string> list_param(const httplib::Request& req, const std::string& name) {
  constexpr std::size_t kMaxValues = 16;
  const std::size_t count = req.get_param_value_count(name);
  if (count > kMaxValues) {
    throw BadRequest{"give " + name + " at most " + std::to_string(kMaxValues) + " times"};
  }
  std::vector<std::string> values;
  for (std::size_t i = 0; i < count; ++i) {
    std::string value = req.get_param_value(name, i);
    if (value.size() > kMaxQueryBytes) throw BadRequest{name + " is too long"};
    if (!value.empty()) values.push_back(std::move(value));
  }
  return values;
}

// filter=, sort= ("date" or "-date"), facet=, facet_values=, fields=a,b.
void parse_field_params(const httplib::Request& req, SearchOptions& options) {
  options.filters = list_param(req, "filter");
  options.facets = list_param(req, "facet");
  options.facet_values = count_param(req, "facet_values", 10, 100);
  if (const std::optional<std::string> sort = single_param(req, "sort"); sort && !sort->empty()) {
    const bool descending = sort->front() == '-';
    options.sort = SortOrder{sort->substr(descending ? 1 : 0), descending};
  }
  if (const std::optional<std::string> fields = single_param(req, "fields")) {
    for (std::size_t begin = 0; begin <= fields->size();) {
      const std::size_t comma = std::min(fields->find(',', begin), fields->size());
      if (comma > begin) options.fields.push_back(fields->substr(begin, comma - begin));
      begin = comma + 1;
    }
  }
}

struct SearchRequest {
  std::string query;
  SearchOptions options;
};

SearchRequest parse_search_request(const httplib::Request& req, std::size_t max_limit,
                                   std::chrono::milliseconds time_limit) {
  SearchRequest out;
  const std::optional<std::string> query = single_param(req, "q");
  if (!query) throw BadRequest{"missing q (the query), e.g. /search?q=Tokayev"};
  if (query->size() > kMaxQueryBytes) {
    throw BadRequest{"q is too long (" + std::to_string(query->size()) + " bytes; at most " +
                     std::to_string(kMaxQueryBytes) + ")"};
  }
  out.query = *query;
  if (const std::optional<std::string> lang = single_param(req, "lang"); lang && !lang->empty()) {
    out.options.language = parse_language(*lang);
    if (!out.options.language)
      throw BadRequest{"lang must be ar, id, en or und, not \"" + *lang + "\""};
  }
  out.options.offset = count_param(req, "offset", 0, kMaxOffset);
  out.options.limit = count_param(req, "limit", 10, max_limit);
  out.options.explain = flag_param(req, "explain");
  out.options.time_limit = time_limit;
  parse_field_params(req, out.options);
  return out;
}

// httplib's own request parsing, routing and answer writing, run over the
// bytes of one request that the front (http_front.h) has read already.
// process_request is protected, hence the subclass.
class RequestProcessor : public httplib::Server {
 public:
  std::string answer(std::string_view request, const std::string& client, bool& close);
};

// A Stream over one request's bytes, collecting the answer.
class MemoryStream final : public httplib::Stream {
 public:
  MemoryStream(std::string_view in, std::string& out, const std::string& client)
      : in_(in), out_(out), client_(client) {}
  bool is_readable() const override { return read_ < in_.size(); }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    const std::size_t n = std::min(size, in_.size() - read_);
    std::copy_n(in_.data() + read_, n, ptr);
    read_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    out_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = client_;
    port = 0;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip.clear();
    port = 0;
  }
  socket_t socket() const override { return INVALID_SOCKET; }

 private:
  std::string_view in_;
  std::size_t read_ = 0;
  std::string& out_;
  const std::string& client_;
};

std::string RequestProcessor::answer(std::string_view request, const std::string& client,
                                     bool& close) {
  std::string out;
  MemoryStream stream(request, out, client);
  bool closed = false;
  // httplib calls this once it has read a request line and headers it
  // understands; after one it does not, the connection is not trusted on.
  bool understood = false;
  try {
    process_request(stream, close, closed, [&](httplib::Request&) { understood = true; });
  } catch (...) {
    out.clear();  // the handlers catch their own; this is httplib failing
  }
  if (out.empty()) {
    close = true;
    return error_response(400, "bad request");
  }
  close = close || closed || !understood;
  return out;
}

// A listening TCP socket on host:port (port 0: any free one); its port.
int listen_on(const std::string& host, int port, int& bound_port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) return -1;
  const std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> addresses(found, freeaddrinfo);
  for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    // SO_REUSEADDR only: a restart may take the port over from connections
    // in TIME_WAIT, but a second server must not share it (SO_REUSEPORT
    // would let two servers split the requests silently).
    const int yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_storage bound{};
    socklen_t length = sizeof bound;
    if (bind(fd, a->ai_addr, a->ai_addrlen) == 0 && listen(fd, SOMAXCONN) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length) == 0) {
      bound_port =
          ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<const sockaddr_in6&>(bound).sin6_port
                                            : reinterpret_cast<const sockaddr_in&>(bound).sin_port);
      return fd;
    }
    ::close(fd);
  }
  return -1;
}

}  // namespace

struct SearchServer::Impl {
  explicit Impl(const ServerOptions& opts)
      : options(opts), pool(opts.db_paths, std::max<std::size_t>(opts.threads, 1), opts.refresh) {}

  // Runs `body`, turning what it throws into a JSON error of the right status.
  template <typename Body>
  static void respond(httplib::Response& res, Body&& body) {
    try {
      body();
    } catch (const BadRequest& e) {
      send_error(res, 400, e.message);
    } catch (const QueryError& e) {
      send_error(res, 400, e.what(), e.offset());
    } catch (const InvalidArgument& e) {
      send_error(res, 400, e.what());
    } catch (const TimeLimitExceeded& e) {
      // Not the client's fault, and over soon: 503 says "try again later".
      send_error(res, 503,
                 std::string(e.what()) +
                     "; try fewer or rarer words (lisan serve --query-time-limit sets the limit)");
    } catch (const IndexError& e) {
      std::cerr << "lisan serve: " << terminal_safe(e.what()) << '\n';
      send_error(res, 503, e.what());
    } catch (const std::exception& e) {
      std::cerr << "lisan serve: " << terminal_safe(e.what()) << '\n';
      send_error(res, 500, e.what());
    }
  }

  // Runs `body` with a searcher of the pool; an index error is tried once
  // more on a newly opened searcher, as the index may have been rewritten
  // under the old one.
  template <typename Body>
  void with_searcher(Body&& body) {
    SearcherPool::Lease lease = pool.acquire();
    try {
      body(*lease);
    } catch (const IndexError&) {
      lease.reopen();
      body(*lease);
    }
  }

  // A server on a loopback address answers only requests meant for this
  // machine: a page elsewhere may point a name of its own at 127.0.0.1 (DNS
  // rebinding) and so read the answers as same-origin. Requests without a
  // Host header (HTTP/1.0 tools) carry no name to check and are answered.
  bool host_allowed(const httplib::Request& req) const {
    if (!req.has_header("Host")) return true;
    const std::string name = host_name(req.get_header_value("Host"));
    if (std::find(options.allowed_hosts.begin(), options.allowed_hosts.end(), name) !=
        options.allowed_hosts.end()) {
      return true;
    }
    if (!is_loopback_host(options.host)) return true;
    return name == "localhost" || name == "127.0.0.1" || name == "::1" ||
           name == host_name(options.host.find(':') != std::string::npos ? "[" + options.host + "]"
                                                                         : options.host);
  }

  void routes() {
    server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (host_allowed(req)) return httplib::Server::HandlerResponse::Unhandled;
      send_error(res, 421,
                 "this server answers only requests for localhost, 127.0.0.1, [::1] or " +
                     options.host + " (lisan serve --allow-host NAME adds a name)");
      return httplib::Server::HandlerResponse::Handled;
    });
    server.Get("/search", [this](const httplib::Request& req, httplib::Response& res) {
      respond(res, [&] {
        const SearchRequest request =
            parse_search_request(req, options.max_limit, options.query_time_limit);
        with_searcher([&](Searcher& searcher) {
          const SearchResults results = searcher.search(request.query, request.options);
          send_json(res, 200,
                    search_results_json(results, request.options.explain, searcher.fields()));
        });
      });
    });
    server.Get("/info", [this](const httplib::Request&, httplib::Response& res) {
      respond(res, [&] {
        with_searcher(
            [&](Searcher& searcher) { send_json(res, 200, index_info_json(searcher.info())); });
      });
    });
    server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
      send_json(res, 200, R"({"status":"ok"})");
    });
    for (const WebAsset& asset : web_assets()) {
      server.Get(
          std::string(asset.path), [&asset](const httplib::Request&, httplib::Response& res) {
            res.set_header("Cache-Control", "no-cache");
            // The page builds its DOM from our own script only.
            res.set_header("Content-Security-Policy",
                           "default-src 'self'; img-src 'self' data:; base-uri 'none'; "
                           "form-action 'self'; frame-ancestors 'none'");
            res.set_header("X-Content-Type-Options", "nosniff");
            res.set_content(asset.body.data(), asset.body.size(), std::string(asset.content_type));
          });
    }
    // Routes that do not exist and methods they do not take: JSON, like the rest.
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      if (!res.body.empty()) return;
      send_error(res, res.status, error_name(res.status));
    });
    server.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
          send_error(res, 500, "internal error");
        });
  }

  ServerOptions options;
  SearcherPool pool;
  RequestProcessor server;
  std::unique_ptr<HttpFront> front;
  int port = 0;
};

SearchServer::SearchServer(const ServerOptions& options) : impl_(std::make_unique<Impl>(options)) {
  impl_->routes();
  impl_->server.set_keep_alive_max_count(options.max_requests_per_connection);
  impl_->server.set_keep_alive_timeout(std::max<std::time_t>(
      1, std::chrono::duration_cast<std::chrono::seconds>(options.idle_timeout).count()));
  const int fd = listen_on(options.host, options.port, impl_->port);
  if (fd < 0) {
    throw IoError("cannot listen on " + options.host + ":" + std::to_string(options.port) +
                  " (address in use, or not an address of this machine)");
  }
  FrontLimits limits;
  limits.workers = std::max<std::size_t>(options.threads, 1);
  limits.max_connections = options.max_connections;
  limits.max_connections_per_client = options.max_connections_per_client;
  limits.request_timeout = options.request_timeout;
  limits.idle_timeout = options.idle_timeout;
  limits.write_timeout = options.request_timeout;
  limits.max_requests_per_connection = options.max_requests_per_connection;
  impl_->front = std::make_unique<HttpFront>(
      fd, limits, [this](std::string_view request, const std::string& client, bool& close) {
        return impl_->server.answer(request, client, close);
      });
}

SearchServer::~SearchServer() = default;

int SearchServer::bound_port() const { return impl_->port; }

bool SearchServer::run() {
  impl_->front->run();
  return true;
}

void SearchServer::stop() { impl_->front->stop(); }

std::string SearchServer::answer(std::string_view request_bytes) {
  return answer_connection(
      request_bytes, "127.0.0.1",
      [this](std::string_view request, const std::string& client, bool& close) {
        return impl_->server.answer(request, client, close);
      },
      impl_->options.max_requests_per_connection);
}

}  // namespace lisan::cli
