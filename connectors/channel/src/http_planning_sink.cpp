#include "chansync/channel/http_planning_sink.h"

#include <httplib.h>
#include <openssl/x509.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "chansync/channel/http_endpoint.h"
#include "chansync/channel/planning_wire.h"

namespace chansync::channel {
namespace {

using core::ErrorCode;
using core::Fail;
using Clock = std::chrono::steady_clock;
using std::chrono::microseconds;
using std::chrono::milliseconds;

// The portal closes idle kept-alive connections after its own timeout. A connection whose peer
// already sent FIN would fail the next request, so it is detected before reuse: readable with
// nothing to read means closed (a portal never speaks first).
bool PeerClosed(httplib::Client& client) {
  const int sock = client.socket();
  if (sock < 0) return false;  // not connected yet: httplib connects on the next request
  pollfd fd{sock, POLLIN, 0};
  if (::poll(&fd, 1, 0) <= 0) return false;
  char byte;
  return ::recv(sock, &byte, 1, MSG_PEEK | MSG_DONTWAIT) <= 0;
}

std::string Where(const core::Channel& channel, const HttpEndpoint& endpoint, size_t index,
                  size_t count) {
  std::string where = "channel \"" + channel.id + "\" " + endpoint.origin + endpoint.target;
  if (count > 1) {
    where += " (request " + std::to_string(index + 1) + " of " + std::to_string(count) + ")";
  }
  return where;
}

std::string Clip(std::string_view text) {
  constexpr size_t kMax = 200;
  return text.size() <= kMax ? std::string(text) : std::string(text.substr(0, kMax)) + "...";
}

}  // namespace

// Idle kept-alive clients per origin. A client is owned by one push at a time.
class HttpPlanningSink::ConnectionPool {
 public:
  ConnectionPool(size_t max_idle, std::string ca_file)
      : max_idle_(max_idle), ca_file_(std::move(ca_file)) {}

  std::unique_ptr<httplib::Client> Acquire(const HttpEndpoint& endpoint) {
    {
      std::lock_guard lock(mutex_);
      auto& idle = idle_[endpoint.origin];
      while (!idle.empty()) {
        std::unique_ptr<httplib::Client> client = std::move(idle.back());
        idle.pop_back();
        if (!PeerClosed(*client)) return client;
      }
    }
    auto client = std::make_unique<httplib::Client>(endpoint.origin);
    if (endpoint.tls) {
      client->enable_server_certificate_verification(true);
      if (!ca_file_.empty()) client->set_ca_cert_path(ca_file_);
    }
    client->set_keep_alive(true);
    client->set_tcp_nodelay(true);
    return client;
  }

  void Release(const std::string& origin, std::unique_ptr<httplib::Client> client) {
    std::lock_guard lock(mutex_);
    auto& idle = idle_[origin];
    if (idle.size() < max_idle_) idle.push_back(std::move(client));
  }

 private:
  const size_t max_idle_;
  const std::string ca_file_;  // empty: the system's trust store
  std::mutex mutex_;
  std::map<std::string, std::deque<std::unique_ptr<httplib::Client>>> idle_;
};

HttpPlanningSink::HttpPlanningSink(HttpPlanningSinkOptions options)
    : options_(options),
      pool_(std::make_unique<ConnectionPool>(
          static_cast<size_t>(std::max(options.max_idle_connections_per_endpoint, 0)),
          options.ca_file)) {}

HttpPlanningSink::~HttpPlanningSink() = default;

core::Status HttpPlanningSink::Push(const core::Channel& channel, const core::PlanningPush& push,
                                    std::optional<Clock::time_point> deadline) {
  if (channel.planning_endpoint.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                "channel \"" + channel.id + "\" has no planning endpoint");
  }
  auto endpoint = ParseHttpEndpoint(channel.planning_endpoint);
  if (!endpoint) {
    return Fail(ErrorCode::kInvalidArgument,
                "channel \"" + channel.id + "\" planning endpoint " + endpoint.error().message);
  }
  const std::vector<core::PlanningPush> requests =
      wire::SplitPlanningPush(push, options_.max_cells_per_request);
  if (requests.empty()) return core::Ok();

  std::unique_ptr<httplib::Client> client = pool_->Acquire(*endpoint);
  for (size_t i = 0; i < requests.size(); ++i) {
    const std::string where = Where(channel, *endpoint, i, requests.size());
    microseconds connect_timeout = options_.connect_timeout;
    microseconds read_timeout = options_.read_timeout;
    bool cut_by_deadline = false;
    if (deadline) {
      const auto left = std::chrono::duration_cast<microseconds>(*deadline - Clock::now());
      if (left < milliseconds(1)) {
        return Fail(ErrorCode::kChannelUnavailable, where + ": deadline passed");
      }
      cut_by_deadline = left < connect_timeout || left < read_timeout;
      connect_timeout = std::min(connect_timeout, left);
      read_timeout = std::min(read_timeout, left);
    }
    client->set_connection_timeout(connect_timeout);
    client->set_read_timeout(read_timeout);
    client->set_write_timeout(read_timeout);

    httplib::Request request;
    request.method = "POST";
    request.path = endpoint->target;
    request.body = wire::EncodePlanningPush(requests[i]);
    request.set_header("Content-Type", "application/json");
    request.set_header("Accept", "application/json");
    if (deadline) {
      // Read timeouts bound each wait, not the whole answer: an answer trickling in is cut here.
      request.progress = [deadline](uint64_t, uint64_t) { return Clock::now() < *deadline; };
    }
    httplib::Response response;
    httplib::Error error = httplib::Error::Success;
    if (!client->send(request, response, error)) {
      // The connection is in an unknown state: it is dropped, not pooled. A timeout that was
      // cut to the time left is the deadline's doing, whatever httplib calls it.
      const bool timed_out = error == httplib::Error::Read || error == httplib::Error::Write ||
                             error == httplib::Error::ConnectionTimeout ||
                             error == httplib::Error::Canceled;
      const bool late = deadline && (Clock::now() >= *deadline || (cut_by_deadline && timed_out));
      if (error == httplib::Error::SSLServerVerification) {
        return Fail(ErrorCode::kChannelUnavailable,
                    where + ": certificate not verified: " +
                        X509_verify_cert_error_string(client->get_openssl_verify_result()));
      }
      return Fail(ErrorCode::kChannelUnavailable,
                  where + ": " +
                      (late ? "deadline passed (" + httplib::to_string(error) + ")"
                            : httplib::to_string(error)));
    }

    const int status = response.status;
    if (status >= 200 && status < 300) {
      auto accepted = wire::DecodeAccepted(response.body);
      const int64_t cells = requests[i].Cells();
      if (!accepted) {
        return Fail(ErrorCode::kChannelUnavailable, where + ": unreadable answer " +
                                                        std::to_string(status) + ": " +
                                                        accepted.error().message);
      }
      if (*accepted != cells) {
        return Fail(ErrorCode::kChannelUnavailable, where + ": accepted " +
                                                        std::to_string(*accepted) + " of " +
                                                        std::to_string(cells) + " cells");
      }
      continue;
    }
    auto portal_error = wire::DecodeError(response.body);
    const std::string detail =
        portal_error ? portal_error->code + ": " + portal_error->message : Clip(response.body);
    const std::string message = where + ": " + std::to_string(status) + " " + detail;
    const bool keep_connection = response.get_header_value("Connection") != "close";
    if (keep_connection) pool_->Release(endpoint->origin, std::move(client));
    return Fail(status >= 400 && status < 500 ? ErrorCode::kChannelRejected
                                              : ErrorCode::kChannelUnavailable,
                message);
  }
  if (client->is_socket_open()) pool_->Release(endpoint->origin, std::move(client));
  return core::Ok();
}

}  // namespace chansync::channel
