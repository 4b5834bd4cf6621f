#include "curl_call.h"

#include <algorithm>
#include <mutex>
#include <thread>

namespace chansync::pms::curl {

using core::ErrorCode;
using core::Fail;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

core::Result<ClientSettings> MakeSettings(CurlPmsClientOptions options) {
  const std::string& url = options.base_url;
  if (!url.starts_with("http://") && !url.starts_with("https://")) {
    return Fail(ErrorCode::kInvalidArgument,
                "PMS base URL must start with http:// or https://, got \"" + url + "\"");
  }
  if (options.connect_timeout.count() <= 0 || options.request_timeout.count() <= 0 ||
      options.max_attempts < 1 || options.initial_backoff.count() <= 0 ||
      options.max_backoff < options.initial_backoff) {
    return Fail(ErrorCode::kInvalidArgument,
                "PMS client timeouts, attempts and backoff must be positive");
  }
  for (char c : options.credentials) {
    if (c == '\r' || c == '\n') {
      return Fail(ErrorCode::kInvalidArgument, "PMS credentials must not contain line breaks");
    }
  }
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  ClientSettings settings;
  settings.options = std::move(options);
  std::string& base = settings.options.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (!settings.options.credentials.empty()) {
    settings.authorization_header = "Authorization: Bearer " + settings.options.credentials;
  }
  return settings;
}

core::Result<std::string> CallWithRetries(CurlHandlePool& handles, const Exchange& exchange,
                                          const ClientSettings& settings, const CallOptions& call) {
  const CurlPmsClientOptions& options = settings.options;
  milliseconds backoff = options.initial_backoff;
  core::Error last{ErrorCode::kPmsUnavailable, "no attempt made"};
  for (int attempt = 1;; ++attempt) {
    milliseconds timeout = options.request_timeout;
    bool deadline_bound = false;
    if (call.deadline) {
      const auto left = std::chrono::duration_cast<milliseconds>(*call.deadline - Clock::now());
      if (left.count() <= 0) {
        if (attempt == 1) {
          return Fail(ErrorCode::kPmsUnavailable, std::string("deadline passed before ") +
                                                      MethodName(exchange.method) + " " +
                                                      exchange.path + " was sent");
        }
        return std::unexpected(last);
      }
      if (left < timeout) {
        timeout = left;
        deadline_bound = true;
      }
    }
    auto lease = handles.Acquire();
    CURL* handle = lease.get();
    if (handle == nullptr) {
      return Fail(ErrorCode::kPmsUnavailable, "cannot allocate a curl handle");
    }
    curl::Attempt once;
    once.Prepare(handle, exchange, settings, timeout, deadline_bound);
    auto outcome = once.Outcome(handle, curl_easy_perform(handle));
    if (outcome || !curl::WorthRetrying(outcome.error()) || attempt >= options.max_attempts) {
      return outcome;
    }
    last = std::move(outcome.error());
    milliseconds pause = curl::Jittered(backoff);
    if (call.deadline) {
      const auto left = std::chrono::duration_cast<milliseconds>(*call.deadline - Clock::now());
      if (left <= pause) return std::unexpected(last);  // no time left for another attempt
    }
    std::this_thread::sleep_for(pause);
    backoff = std::min(backoff * 2, options.max_backoff);
  }
}

std::vector<core::Result<std::string>> Transport::CallMany(const std::vector<Exchange>& exchanges,
                                                           size_t max_in_flight,
                                                           const CallOptions& call) {
  auto session = sessions.Acquire();
  auto bodies = RunExchanges(*session, exchanges, max_in_flight, settings, call);
  sessions.Release(std::move(session));
  return bodies;
}

}  // namespace chansync::pms::curl
