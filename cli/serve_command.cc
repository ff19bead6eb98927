// `lisan serve`: the HTTP front (search_server.h) with its command line,
// its announcement and a graceful stop on SIGTERM or Ctrl-C.
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <csignal>
#include <iostream>
#include <thread>

#include "commands.h"
#include "lisan/analyzers/error.h"
#include "search_server.h"

namespace lisan::cli {
namespace {

struct ListenAddress {
  std::string host;
  int port = 0;
};

// HOST:PORT, with [IPV6]:PORT for IPv6 hosts; port 0 means any free port.
ListenAddress parse_listen(const std::string& text) {
  const std::size_t colon = text.rfind(':');
  auto bad = [&] {
    return InvalidArgument("--listen must be HOST:PORT (e.g. 127.0.0.1:8080), not \"" + text +
                           "\"");
  };
  if (colon == std::string::npos || colon == 0) throw bad();
  ListenAddress address;
  address.host = text.substr(0, colon);
  if (address.host.front() == '[') {
    if (address.host.size() < 3 || address.host.back() != ']') throw bad();
    address.host = address.host.substr(1, address.host.size() - 2);
  }
  const std::string_view port = std::string_view(text).substr(colon + 1);
  const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), address.port);
  if (port.empty() || error != std::errc() || end != port.data() + port.size() ||
      address.port < 0 || address.port > 65535) {
    throw bad();
  }
  return address;
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

std::string url_host(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

struct ServeOptions {
  std::vector<std::string> dbs;
  std::string listen = "127.0.0.1:8080";
  std::size_t threads = std::max(4u, std::thread::hardware_concurrency());
  double refresh_seconds = 10;
  std::size_t max_connections = 512;
  std::size_t max_client_connections = 64;
  double request_timeout_seconds = 10;
  double query_time_limit_seconds = 2;
  std::vector<std::string> allowed_hosts;
};

ServerOptions server_options_from(const ServeOptions& options, const ListenAddress& address) {
  ServerOptions server_options;
  server_options.db_paths = options.dbs;
  if (server_options.db_paths.empty()) server_options.db_paths.push_back(default_db_path());
  server_options.host = address.host;
  server_options.port = address.port;
  server_options.threads = options.threads;
  server_options.refresh =
      std::chrono::milliseconds(static_cast<std::int64_t>(options.refresh_seconds * 1000));
  server_options.query_time_limit =
      std::chrono::milliseconds(static_cast<std::int64_t>(options.query_time_limit_seconds * 1000));
  server_options.max_connections = options.max_connections;
  for (std::string name : options.allowed_hosts) {
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    server_options.allowed_hosts.push_back(std::move(name));
  }
  server_options.max_connections_per_client = options.max_client_connections;
  server_options.request_timeout =
      std::chrono::milliseconds(static_cast<std::int64_t>(options.request_timeout_seconds * 1000));
  return server_options;
}

// Serves until SIGTERM or SIGINT (exit 0), or until the server stops listening.
int serve(const ServerOptions& server_options, const std::string& listen) {
  // SIGTERM and SIGINT are taken by one waiting thread, never by a
  // handler: stopping the server is not async-signal-safe. They are
  // blocked before any thread starts, so every thread inherits it.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);  // a client that hangs up is not our end

  SearchServer server(server_options);
  if (!is_loopback(server_options.host)) {
    std::cerr << "lisan: warning: listening on " << server_options.host
              << ", beyond this machine: anyone who reaches it can search the index\n";
  }
  std::cout << "lisan: serving on http://" << url_host(server_options.host) << ':'
            << server.bound_port() << "/" << std::endl;

  std::atomic<bool> finished{false};
  std::atomic<bool> signalled{false};
  std::jthread waiter([&] {
    const timespec tick{0, 100'000'000};
    while (!finished.load()) {
      if (sigtimedwait(&stop_signals, nullptr, &tick) <= 0) continue;
      signalled.store(true);
      // stop() is a no-op until the server runs: repeat until it does.
      while (!finished.load()) {
        server.stop();
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
  });
  const bool served = server.run();
  finished.store(true);
  waiter.join();
  if (signalled.load()) {
    std::cerr << "lisan: stopped\n";
    return 0;
  }
  if (!served) throw IoError("the server stopped listening on " + listen);
  return 0;
}

}  // namespace

Command add_serve_command(CLI::App& app) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* sub = app.add_subcommand("serve", "Serve search over HTTP, with a search page at /");
  sub->add_option("--db", options->dbs,
                  "Index folder, stub file or tcp://HOST:PORT; repeat to serve several as one "
                  "(default: $LISAN_DB or ./lisan-index)")
      ->check(kIndexPath)
      ->allow_extra_args(false);
  sub->add_option("--listen", options->listen,
                  "Address to listen on, HOST:PORT (default 127.0.0.1:8080; port 0: any free)");
  sub->add_option("--threads", options->threads,
                  "Requests answered at once, each by its own searcher (default: max(4, cores))")
      ->check(CLI::Range(std::size_t{1}, std::size_t{256}));
  sub->add_option("--refresh", options->refresh_seconds,
                  "Reopen the index at most this often, in seconds, to see new commits "
                  "(default 10; 0: for every request)")
      ->check(CLI::Range(0.0, 86400.0));
  sub->add_option("--max-connections", options->max_connections,
                  "Connections held at once; more get 503 (default 512)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{65536}));
  sub->add_option("--max-client-connections", options->max_client_connections,
                  "Connections held at once from one address; more get 503 (default 64)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{65536}));
  sub->add_option("--request-timeout", options->request_timeout_seconds,
                  "Seconds a request may take to arrive whole (then 408) and an answer to be "
                  "read (default 10)")
      ->check(CLI::Range(0.1, 3600.0));
  sub->add_option("--query-time-limit", options->query_time_limit_seconds,
                  "Seconds a search may run; longer ones are stopped and answered 503 "
                  "(default 2; 0: no limit)")
      ->check(CLI::Range(0.0, 3600.0));
  sub->add_option("--allow-host", options->allowed_hosts,
                  "A host name the server also answers to when listening on a loopback address "
                  "(others get 421, against DNS rebinding); repeat for several")
      ->allow_extra_args(false);
  return {sub, [options] {
            const ListenAddress address = parse_listen(options->listen);
            return serve(server_options_from(*options, address), options->listen);
          }};
}

}  // namespace lisan::cli
