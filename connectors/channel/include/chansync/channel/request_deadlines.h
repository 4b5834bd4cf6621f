#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <list>
#include <mutex>

#include "chansync/core/clock.h"

namespace chansync::channel {

struct RequestTimeouts {
  // A request's headers must be complete this long after it started.
  std::chrono::seconds headers{10};
  // Its body must be complete this long after its headers were.
  std::chrono::seconds body{30};
  // How long a kept-alive connection may wait quietly for its next request (the server's idle
  // timeout): the next request starts with its request line, or at the latest this long after
  // the previous answer, so that the quiet wait does not count against the headers.
  std::chrono::seconds keep_alive{5};
};

// Total deadlines on receiving a request, which an inactivity timeout does not give: a client
// sending one byte every few seconds is never idle, and would keep its connection for ever.
// The transport reports each connection's progress; Sweep cuts those past their deadline:
//   opened            the first request starts now: headers due `headers` later;
//   request line      the request started, if it had not already (kept-alive connections);
//   headers received  the body is due `body` later;
//   request received  the request is with the handler, then answered: no deadline;
//   answered          the connection waits for its next request (see keep_alive).
// A connection is cut once, through `cut` with its socket (the transport's way to make its
// server close it, e.g. shutdown(2)), under the lock that Closed takes: a socket is never used
// after the transport reported it closed.
// Thread-safe; `clock` must outlive it. Connection pointers are valid from Opened to Closed; a
// null one is ignored.
class RequestDeadlines {
 public:
  struct Connection;
  using Cut = std::function<void(int socket)>;

  RequestDeadlines(RequestTimeouts timeouts, const core::Clock& clock, Cut cut);
  RequestDeadlines(const RequestDeadlines&) = delete;
  RequestDeadlines& operator=(const RequestDeadlines&) = delete;

  Connection* Opened(int socket);
  void RequestLineReceived(Connection* connection);
  void HeadersReceived(Connection* connection);
  void RequestReceived(Connection* connection);
  void Answered(Connection* connection);
  void Closed(Connection* connection);

  // Cuts every connection past its deadline that was not cut already; returns how many it cut.
  size_t Sweep();
  size_t open_connections() const;

 private:
  using Clock = std::chrono::steady_clock;
  void SetDeadline(Connection* connection, Clock::time_point deadline);

  const RequestTimeouts timeouts_;
  const core::Clock& clock_;
  const Cut cut_;
  mutable std::mutex mutex_;
  std::list<Connection> connections_;  // guarded by mutex_
};

struct RequestDeadlines::Connection {
  int socket;
  std::chrono::steady_clock::time_point deadline;
  bool cut = false;
  std::list<Connection>::iterator self;
};

}  // namespace chansync::channel
