// `lisan serve` against clients that do not play along: many slow or idle
// connections (slowloris), a client past its connection limit, requests that
// never finish, pipelined requests and a half-close. Raw sockets on
// 127.0.0.1, the real program on a free port.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "serve/background_process.h"
#include "support/corpus_index_fixture.h"
#include "support/run_command.h"

namespace lisan {
namespace {

using testing::BackgroundProcess;
using testing::start_server;
using Clock = std::chrono::steady_clock;
using Json = nlohmann::json;

// A TCP connection to 127.0.0.1:port from `source` (any 127.x.y.z address
// works on Linux), closed by the destructor.
class RawConnection {
 public:
  RawConnection(int port, const char* source = "127.0.0.1") {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in from{};
    from.sin_family = AF_INET;
    inet_pton(AF_INET, source, &from.sin_addr);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = fd_ >= 0 && bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from) == 0 &&
                 connect(fd_, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0;
  }
  ~RawConnection() {
    if (fd_ >= 0) close(fd_);
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }
  bool send_text(const std::string& text) {
    return send(fd_, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size());
  }
  void half_close() { shutdown(fd_, SHUT_WR); }
  // Everything the server sends until it closes, or until `timeout`.
  std::string read_until_closed(std::chrono::milliseconds timeout) {
    std::string got;
    const auto deadline = Clock::now() + timeout;
    for (;;) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      pollfd p{fd_, POLLIN, 0};
      if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0) return got;
      char buffer[4096];
      const ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) return got;
      got.append(buffer, static_cast<std::size_t>(n));
    }
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
};

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

class HostileClients : public testing::CorpusIndexTest {
 protected:
  // How long a plain query takes to be answered (200), or nullopt when it
  // is not answered within `patience`.
  static std::optional<std::chrono::milliseconds> time_a_query(int port,
                                                               std::chrono::seconds patience) {
    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(patience);
    client.set_read_timeout(patience);
    const auto start = Clock::now();
    const auto res = client.Get("/search?q=Washington");
    if (!res || res->status != 200) return std::nullopt;
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  }
};

TEST_F(HostileClients, SlowAndIdleConnectionsDoNotDelayAQuery) {
  int port = 0;
  auto server = start_server({"--db", db(), "--threads", "2"}, port);
  ASSERT_TRUE(server);
  // From each of four addresses, 25 connections that never send a byte and
  // 25 that send half a head and stop (200 in all, each address within its
  // limit of 64): with a worker per connection they took the two workers
  // for 5 s each, so the query below waited minutes.
  std::vector<std::unique_ptr<RawConnection>> held;
  for (const char* source : {"127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"}) {
    for (int k = 0; k < 25; ++k) held.push_back(std::make_unique<RawConnection>(port, source));
    for (int k = 0; k < 25; ++k) {
      held.push_back(std::make_unique<RawConnection>(port, source));
      ASSERT_TRUE(held.back()->send_text("GET /search?q=Tokayev HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
    }
  }
  for (const auto& c : held) ASSERT_TRUE(c->connected());
  for (int round = 0; round < 3; ++round) {
    const auto took = time_a_query(port, std::chrono::seconds(10));
    ASSERT_TRUE(took) << "round " << round << ": no answer within 10 s";
    EXPECT_LT(took->count(), 2000) << "round " << round;
  }
}

TEST_F(HostileClients, AClientPastItsConnectionLimitGets503WhileOthersAreServed) {
  int port = 0;
  auto server =
      start_server({"--db", db(), "--threads", "2", "--max-client-connections", "8"}, port);
  ASSERT_TRUE(server);
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int k = 0; k < 8; ++k) {
    held.push_back(std::make_unique<RawConnection>(port, "127.0.0.2"));
    ASSERT_TRUE(held.back()->connected());
  }
  // Let the server take them before the ninth arrives.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  RawConnection ninth(port, "127.0.0.2");
  ASSERT_TRUE(ninth.connected());
  const std::string refused = ninth.read_until_closed(std::chrono::seconds(5));
  EXPECT_EQ(refused.rfind("HTTP/1.1 503", 0), 0u) << refused;
  EXPECT_NE(refused.find("too many connections from your address"), std::string::npos) << refused;
  // Another address is not counted with it.
  const auto took = time_a_query(port, std::chrono::seconds(10));
  ASSERT_TRUE(took);
  EXPECT_LT(took->count(), 2000);
}

TEST_F(HostileClients, ARequestThatDoesNotArriveInTimeGets408) {
  int port = 0;
  auto server = start_server({"--db", db(), "--request-timeout", "1"}, port);
  ASSERT_TRUE(server);
  // Half a head, then nothing.
  RawConnection stalled(port);
  ASSERT_TRUE(stalled.send_text("GET /search?q=Tokayev HTTP/1.1\r\n"));
  // A byte every 200 ms: each read is quick, the request never ends. A
  // timeout per read (as before) let it hold its connection for ever.
  RawConnection dribbler(port);
  const auto start = Clock::now();
  std::string got;
  const std::string head = "GET /search?q=Tokayev HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: ";
  for (std::size_t k = 0; Clock::now() - start < std::chrono::seconds(5); ++k) {
    if (!dribbler.send_text(k < head.size() ? head.substr(k, 1) : std::string("a"))) break;
    got = dribbler.read_until_closed(std::chrono::milliseconds(200));
    if (!got.empty()) break;
  }
  EXPECT_EQ(got.rfind("HTTP/1.1 408", 0), 0u) << got;
  EXPECT_NE(got.find(R"("error":"the request did not arrive in time")"), std::string::npos) << got;
  const std::string stalled_got = stalled.read_until_closed(std::chrono::seconds(5));
  EXPECT_EQ(stalled_got.rfind("HTTP/1.1 408", 0), 0u) << stalled_got;
}

TEST_F(HostileClients, PipelinedRequestsAreAllAnsweredInOrder) {
  int port = 0;
  auto server = start_server({"--db", db()}, port);
  ASSERT_TRUE(server);
  RawConnection c(port);
  ASSERT_TRUE(
      c.send_text("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                  "GET /search?q=Tokayev&limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                  "GET /no/such HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
  const std::string got = c.read_until_closed(std::chrono::seconds(10));
  EXPECT_EQ(count_of(got, "HTTP/1.1 "), 3u) << got;
  const std::size_t health = got.find(R"({"status":"ok"})");
  const std::size_t search = got.find(R"("query":"Tokayev")");
  const std::size_t missing = got.find("HTTP/1.1 404");
  ASSERT_NE(health, std::string::npos) << got;
  ASSERT_NE(search, std::string::npos) << got;
  ASSERT_NE(missing, std::string::npos) << got;
  EXPECT_LT(health, search);
  EXPECT_LT(search, missing);
}

TEST_F(HostileClients, ARequestFollowedByAHalfCloseIsAnswered) {
  int port = 0;
  auto server = start_server({"--db", db()}, port);
  ASSERT_TRUE(server);
  for (const char* request :
       {"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "GET /healthz HTTP/1.0\r\n\r\n"}) {
    RawConnection c(port);
    ASSERT_TRUE(c.send_text(request));
    c.half_close();
    const std::string got = c.read_until_closed(std::chrono::seconds(10));
    EXPECT_EQ(got.rfind("HTTP/1.1 200", 0), 0u) << request << " → " << got;
    EXPECT_NE(got.find(R"({"status":"ok"})"), std::string::npos) << got;
  }
}

TEST_F(HostileClients, MalformedFramingGetsAClearErrorAndTheConnectionEnds) {
  int port = 0;
  auto server = start_server({"--db", db()}, port);
  ASSERT_TRUE(server);
  struct Case {
    std::string request;
    std::string status;
  };
  const std::vector<Case> cases = {
      {"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "HTTP/1.1 501"},
      {"GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", "HTTP/1.1 400"},
      {"GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", "HTTP/1.1 400"},
      {"GET / HTTP/1.1\r\nContent-Length: 10000000\r\n\r\n", "HTTP/1.1 413"},
      {"GET / HTTP/1.1\r\nX: " + std::string(20000, 'a') + "\r\n\r\n", "HTTP/1.1 431"},
      {"NONSENSE\r\n\r\n", "HTTP/1.1 400"},
  };
  for (const Case& k : cases) {
    RawConnection c(port);
    ASSERT_TRUE(c.send_text(k.request));
    // Answered and closed at once, not after the idle timeout (5 s).
    const std::string got = c.read_until_closed(std::chrono::seconds(3));
    EXPECT_EQ(got.rfind(k.status, 0), 0u) << k.request.substr(0, 60) << " → " << got;
  }
  // The server is still well.
  ASSERT_TRUE(time_a_query(port, std::chrono::seconds(10)));
}

}  // namespace
}  // namespace lisan
