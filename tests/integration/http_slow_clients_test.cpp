// Idle and slow HTTP clients against a real `chansync serve`: they cost the server no thread, so
// a portal's push is answered at once while they hold their sockets; idle ones are closed after
// the idle timeout, those trickling a request after its header or body deadline, and one address
// cannot hold more than its share of connections.
#include <gtest/gtest.h>
#include <httplib.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "chansync/test/chansync_server.h"
#include "chansync/test/dates.h"
#include "chansync/test/loopback.h"
#include "chansync/test/redis_server.h"

namespace chansync {
namespace {

using Clock = std::chrono::steady_clock;

std::string JsonReservation(const std::string& id) {
  return R"({"channel_reservation_id": ")" + id + R"(", "property": "riviera", "arrival": ")" +
         test::DayOfMonthAhead(1) + R"(", "departure": ")" + test::DayOfMonthAhead(8) +
         R"(", "guest_name": "Jeanne Martin", "product": "SH-MH4",
            "price": {"amount_minor": 84900, "currency": "EUR"}})";
}

// True when the server closed `fd` (end of stream or reset) within `wait`.
bool ClosedByServer(int fd, std::chrono::milliseconds wait) {
  pollfd readable{.fd = fd, .events = POLLIN, .revents = 0};
  if (poll(&readable, 1, static_cast<int>(wait.count())) <= 0) return false;
  char byte;
  return recv(fd, &byte, 1, MSG_DONTWAIT) <= 0;
}

// Connections that send nothing, and slowloris connections that send one header byte a second
// and never finish their headers.
class SlowClients {
 public:
  SlowClients(int port, int idle, int slow) {
    for (int i = 0; i < idle; ++i) idle_.push_back(test::ConnectLoopback(port));
    for (int i = 0; i < slow; ++i) slow_.push_back(test::ConnectLoopback(port));
    dripper_ = std::thread([this] {
      const std::string header =
          "POST /v1/channels/secureholiday/reservations HTTP/1.1\r\nHost: x\r\nX-Slow: ";
      for (size_t sent = 0; !stop_; ++sent) {
        for (int fd : slow_) {
          const char byte = sent < header.size() ? header[sent] : 'a';
          (void)send(fd, &byte, 1, MSG_NOSIGNAL);
        }
        for (int i = 0; i < 10 && !stop_; ++i) {
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
      }
    });
  }
  ~SlowClients() {
    stop_ = true;
    dripper_.join();
    for (int fd : idle_) close(fd);
    for (int fd : slow_) close(fd);
  }

  const std::vector<int>& idle() const { return idle_; }

 private:
  std::vector<int> idle_;
  std::vector<int> slow_;
  std::atomic<bool> stop_{false};
  std::thread dripper_;
};

// One connection sending `prefix` at once, then one byte of `trickle` every 500 ms, never
// finishing it.
class Trickler {
 public:
  Trickler(int port, std::string prefix, std::string trickle)
      : fd_(test::ConnectLoopback(port)), opened_(Clock::now()) {
    (void)send(fd_, prefix.data(), prefix.size(), MSG_NOSIGNAL);
    sender_ = std::thread([this, trickle = std::move(trickle)] {
      for (size_t sent = 0; !stop_; ++sent) {
        (void)send(fd_, &trickle[sent % trickle.size()], 1, MSG_NOSIGNAL);
        for (int i = 0; i < 5 && !stop_; ++i) {
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
      }
    });
  }
  ~Trickler() {
    stop_ = true;
    sender_.join();
    close(fd_);
  }

  int fd() const { return fd_; }
  // Seconds from the connection's opening to the server's close, or -1 when it stayed open
  // for `wait`.
  double SecondsUntilClosed(std::chrono::seconds wait) const {
    if (!ClosedByServer(fd_, wait)) return -1;
    return std::chrono::duration<double>(Clock::now() - opened_).count();
  }

 private:
  const int fd_;
  const Clock::time_point opened_;
  std::atomic<bool> stop_{false};
  std::thread sender_;
};

class HttpSlowClientsTest : public ::testing::Test {
 protected:
  void Start(std::vector<std::string> extra) {
    redis_ = std::make_unique<test::RedisServer>();
    std::vector<std::string> args = {"--workers", "0", "--declarations",
                                     test::SourcePath("deploy/local/riviera.json")};
    args.insert(args.end(), extra.begin(), extra.end());
    server_ = std::make_unique<test::ChansyncServer>(redis_->endpoint(), args);
  }

  std::unique_ptr<test::RedisServer> redis_;
  std::unique_ptr<test::ChansyncServer> server_;
};

TEST_F(HttpSlowClientsTest, APushIsAnsweredAtOnceWhileIdleAndSlowClientsHoldTheirSockets) {
  Start({"--http-idle-timeout-s", "2"});
  SlowClients clients(server_->http_port(), 200, 8);
  for (int fd : clients.idle()) ASSERT_GE(fd, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the server has taken them

  std::vector<double> millis;
  for (int i = 0; i < 9; ++i) {
    httplib::Client portal("127.0.0.1", server_->http_port());  // a new connection each time
    portal.set_bearer_token_auth(server_->key());
    const auto start = Clock::now();
    auto pushed = portal.Post("/v1/channels/secureholiday/reservations",
                              JsonReservation("SH-SLOW-" + std::to_string(i)), "application/json");
    millis.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    ASSERT_TRUE(pushed) << httplib::to_string(pushed.error());
    ASSERT_EQ(pushed->status, 202) << pushed->body;
  }
  std::sort(millis.begin(), millis.end());
  EXPECT_LT(millis[millis.size() / 2], 100.0) << "median of " << millis.size() << " pushes";

  // Nothing sent for the idle timeout (2 s): the server closes them.
  const auto deadline = Clock::now() + std::chrono::seconds(5);
  int closed = 0;
  for (int fd : clients.idle()) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    closed += ClosedByServer(fd, std::max(left, std::chrono::milliseconds(1))) ? 1 : 0;
  }
  EXPECT_EQ(closed, 200);
}

TEST_F(HttpSlowClientsTest, OneAddressHoldsNoMoreThanItsShareOfConnections) {
  Start({"--http-connections-per-address", "5"});
  std::vector<int> held;
  for (int i = 0; i < 5; ++i) held.push_back(test::ConnectLoopback(server_->http_port()));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const int extra = test::ConnectLoopback(server_->http_port());
  ASSERT_GE(extra, 0);
  EXPECT_TRUE(ClosedByServer(extra, std::chrono::seconds(2))) << "the sixth connection stays";
  for (int fd : held) EXPECT_FALSE(ClosedByServer(fd, std::chrono::milliseconds(10)));
  close(extra);
  for (int fd : held) close(fd);

  // The server learns of the closes as its event threads get to them: the address is served
  // again once they have, not necessarily at the first new connection.
  int status = 0;
  EXPECT_TRUE(test::WaitUntil([&] {
    httplib::Client portal("127.0.0.1", server_->http_port());
    portal.set_bearer_token_auth(server_->key());
    auto pushed = portal.Post("/v1/channels/secureholiday/reservations", JsonReservation("SH-CAP"),
                              "application/json");
    if (pushed) status = pushed->status;
    return static_cast<bool>(pushed);
  })) << "once its connections are closed, the address is served";
  EXPECT_EQ(status, 202);
}

// A trickle of one byte per 500 ms is never idle for the 5 s idle timeout; the header deadline
// (2 s from the connection's opening) closes it, while a push on another connection is answered
// at once.
TEST_F(HttpSlowClientsTest, TrickledHeadersAreCutAtTheirDeadlineWhileAPushIsAnsweredAtOnce) {
  Start({"--http-header-timeout-s", "2", "--http-body-timeout-s", "2"});
  Trickler slow(server_->http_port(), "",
                "POST /v1/channels/secureholiday/reservations HTTP/1.1\r\nHost: x\r\nX-Slow: ");
  ASSERT_GE(slow.fd(), 0);

  httplib::Client portal("127.0.0.1", server_->http_port());
  portal.set_bearer_token_auth(server_->key());
  const auto start = Clock::now();
  auto pushed = portal.Post("/v1/channels/secureholiday/reservations",
                            JsonReservation("SH-TRICKLE-H"), "application/json");
  const double millis = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  ASSERT_TRUE(pushed) << httplib::to_string(pushed.error());
  EXPECT_EQ(pushed->status, 202) << pushed->body;
  EXPECT_LT(millis, 500.0);

  const double closed_after = slow.SecondsUntilClosed(std::chrono::seconds(6));
  EXPECT_GE(closed_after, 1.9) << "not before the deadline";
  EXPECT_LE(closed_after, 3.5) << "-1: still open, although never idle for 5 s";
}

TEST_F(HttpSlowClientsTest, ATrickledBodyIsCutAtItsDeadline) {
  Start({"--http-header-timeout-s", "2", "--http-body-timeout-s", "2"});
  const std::string headers =
      "POST /v1/channels/secureholiday/reservations HTTP/1.1\r\nHost: x\r\n"
      "Authorization: Bearer " +
      server_->key() + "\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n";
  Trickler slow(server_->http_port(), headers, JsonReservation("SH-TRICKLE-B"));
  ASSERT_GE(slow.fd(), 0);

  httplib::Client portal("127.0.0.1", server_->http_port());
  portal.set_bearer_token_auth(server_->key());
  auto pushed = portal.Post("/v1/channels/secureholiday/reservations",
                            JsonReservation("SH-TRICKLE-OK"), "application/json");
  ASSERT_TRUE(pushed) << httplib::to_string(pushed.error());
  EXPECT_EQ(pushed->status, 202) << pushed->body;

  const double closed_after = slow.SecondsUntilClosed(std::chrono::seconds(6));
  EXPECT_GE(closed_after, 1.9) << "not before the deadline";
  EXPECT_LE(closed_after, 3.5) << "-1: still open, although never idle for 5 s";
}

// Sends `request` on `fd` and reads the whole answer (its body told by Content-Length); "" when
// the server closed the connection instead.
std::string Exchange(int fd, const std::string& request) {
  if (send(fd, request.data(), request.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(request.size())) {
    return "";
  }
  std::string answer;
  char chunk[4096];
  auto complete = [&answer] {
    const size_t end = answer.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    const size_t length = answer.find("Content-Length: ");
    if (length == std::string::npos || length > end) return true;
    return answer.size() >= end + 4 + std::stoul(answer.substr(length + 16));
  };
  while (!complete()) {
    pollfd readable{.fd = fd, .events = POLLIN, .revents = 0};
    if (poll(&readable, 1, 5000) <= 0) return "";
    const ssize_t got = recv(fd, chunk, sizeof chunk, 0);
    if (got <= 0) return "";
    answer.append(chunk, static_cast<size_t>(got));
  }
  return answer;
}

// The quiet wait between two requests of a kept-alive connection is the idle timeout's business:
// a next request that comes after more than the header timeout, within the idle one, is served on
// the same connection.
TEST_F(HttpSlowClientsTest, AKeptAliveConnectionQuietLongerThanTheHeaderTimeoutIsServed) {
  Start({"--http-header-timeout-s", "1", "--http-idle-timeout-s", "5"});
  const int fd = test::ConnectLoopback(server_->http_port());
  ASSERT_GE(fd, 0);
  for (int i = 0; i < 2; ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    const std::string body = JsonReservation("SH-KEPT-" + std::to_string(i));
    const std::string answer =
        Exchange(fd,
                 "POST /v1/channels/secureholiday/reservations HTTP/1.1\r\nHost: x\r\n"
                 "Authorization: Bearer " +
                     server_->key() + "\r\nContent-Type: application/json\r\nContent-Length: " +
                     std::to_string(body.size()) + "\r\n\r\n" + body);
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 202")) << "request " << i << ": " << answer;
  }
  close(fd);
}

}  // namespace
}  // namespace chansync
