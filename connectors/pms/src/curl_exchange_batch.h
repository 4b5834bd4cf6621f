#pragma once

#include <curl/curl.h>

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "chansync/core/error.h"
#include "chansync/pms/pms.h"
#include "curl_exchange.h"

namespace chansync::pms::curl {

// A curl multi handle with its easy handles and its cache of live connections, used by one
// batch at a time and kept for the next, so steady traffic pays no connect. curl is driven by
// curl_multi_socket_action: it names the sockets to watch (kept in an epoll set) and when to
// call it back, so only the transfer whose socket is ready runs, instead of curl_multi_perform
// polling every transfer's socket on every call.
struct MultiSession {
  MultiSession();
  ~MultiSession();
  MultiSession(const MultiSession&) = delete;
  MultiSession& operator=(const MultiSession&) = delete;

  CURLM* multi = nullptr;
  int epoll_fd = -1;
  // When curl wants CURL_SOCKET_TIMEOUT: nullopt for never.
  std::optional<std::chrono::steady_clock::time_point> timer_due;
  std::vector<CURL*> idle_handles;
};

// Idle multi sessions; a caller borrows one for a batch.
class MultiSessionPool {
 public:
  explicit MultiSessionPool(size_t max_idle) : max_idle_(max_idle) {}
  std::unique_ptr<MultiSession> Acquire();
  void Release(std::unique_ptr<MultiSession> session);

 private:
  const size_t max_idle_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<MultiSession>> idle_;
};

// Runs `exchanges` on `session`, at most `max_in_flight` at once, and returns each one's
// outcome in order (Attempt::Outcome). Each is retried as CurlPmsClient retries a single call:
// transient failures up to options.max_attempts, with jittered backoff, never past
// `call.deadline`. One thread waits for every answer, instead of one thread per call.
std::vector<core::Result<std::string>> RunExchanges(MultiSession& session,
                                                    const std::vector<Exchange>& exchanges,
                                                    size_t max_in_flight,
                                                    const ClientSettings& settings,
                                                    const CallOptions& call);

}  // namespace chansync::pms::curl
