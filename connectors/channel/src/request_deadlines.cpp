#include "chansync/channel/request_deadlines.h"

#include <algorithm>
#include <utility>

namespace chansync::channel {

RequestDeadlines::RequestDeadlines(RequestTimeouts timeouts, const core::Clock& clock, Cut cut)
    : timeouts_(timeouts), clock_(clock), cut_(std::move(cut)) {}

RequestDeadlines::Connection* RequestDeadlines::Opened(int socket) {
  const auto deadline = clock_.SteadyNow() + timeouts_.headers;
  std::lock_guard lock(mutex_);
  connections_.push_front(Connection{.socket = socket, .deadline = deadline});
  connections_.front().self = connections_.begin();
  return &connections_.front();
}

void RequestDeadlines::RequestLineReceived(Connection* connection) {
  if (connection == nullptr) return;
  const auto started = clock_.SteadyNow() + timeouts_.headers;
  std::lock_guard lock(mutex_);
  connection->deadline = std::min(connection->deadline, started);
}

void RequestDeadlines::HeadersReceived(Connection* connection) {
  SetDeadline(connection, clock_.SteadyNow() + timeouts_.body);
}

void RequestDeadlines::RequestReceived(Connection* connection) {
  SetDeadline(connection, Clock::time_point::max());
}

void RequestDeadlines::Answered(Connection* connection) {
  SetDeadline(connection, clock_.SteadyNow() + timeouts_.keep_alive + timeouts_.headers);
}

void RequestDeadlines::Closed(Connection* connection) {
  if (connection == nullptr) return;
  std::lock_guard lock(mutex_);
  connections_.erase(connection->self);
}

size_t RequestDeadlines::Sweep() {
  const auto now = clock_.SteadyNow();
  size_t cut = 0;
  std::lock_guard lock(mutex_);
  for (Connection& connection : connections_) {
    if (connection.cut || now < connection.deadline) continue;
    connection.cut = true;
    cut_(connection.socket);
    ++cut;
  }
  return cut;
}

size_t RequestDeadlines::open_connections() const {
  std::lock_guard lock(mutex_);
  return connections_.size();
}

void RequestDeadlines::SetDeadline(Connection* connection, Clock::time_point deadline) {
  if (connection == nullptr) return;
  std::lock_guard lock(mutex_);
  connection->deadline = deadline;
}

}  // namespace chansync::channel
