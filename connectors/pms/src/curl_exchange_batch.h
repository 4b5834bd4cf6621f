#pragma once

#include <curl/curl.h>

#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

#include "chansync/core/error.h"
#include "chansync/pms/pms.h"
#include "curl_exchange.h"

namespace chansync::pms::curl {

// A curl multi handle with its easy handles and its cache of live connections, used by one
// batch at a time and kept for the next, so steady traffic pays no connect.
struct MultiSession {
  MultiSession();
  ~MultiSession();
  MultiSession(const MultiSession&) = delete;
  MultiSession& operator=(const MultiSession&) = delete;

  CURLM* multi = nullptr;
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
