#pragma once

#include <curl/curl.h>

#include <chrono>
#include <string>
#include <string_view>

#include "chansync/core/error.h"
#include "chansync/pms/curl_pms_client.h"

namespace chansync::pms::curl {

enum class Method { kGet, kPost, kPut };

const char* MethodName(Method method);

// One HTTP exchange as the client methods describe it.
struct Exchange {
  Method method = Method::kGet;
  std::string path;  // already escaped, starting with /v1/
  std::string body;
  std::string idempotency_key;
  bool not_found_is_not_found = false;  // 404 -> NOT_FOUND instead of PMS_REJECTED
};

// Percent-encodes one path segment or query value (RFC 3986 unreserved characters pass).
std::string Escape(std::string_view text);

// What one client sends with every exchange.
struct ClientSettings {
  CurlPmsClientOptions options;      // base_url without a trailing slash
  std::string authorization_header;  // "Authorization: Bearer ..."; empty for none
};

// One attempt of an exchange on a curl easy handle: owns what libcurl points at (URL, headers,
// the answer's buffer) until the attempt is over, so it must not move while curl runs it.
class Attempt {
 public:
  Attempt() = default;
  ~Attempt();
  Attempt(const Attempt&) = delete;
  Attempt& operator=(const Attempt&) = delete;

  // Sets `curl` up for `exchange` within `timeout`; `deadline_bound` says the timeout is what
  // was left of the call's deadline (for the error message). Resets the handle first, which
  // keeps its connection: the point of reusing handles.
  void Prepare(CURL* curl, const Exchange& exchange, const ClientSettings& settings,
               std::chrono::milliseconds timeout, bool deadline_bound);

  // After curl finished the transfer with `code`: the body of a 2xx answer, or the error as
  // CurlPmsClient documents it (PMS_UNAVAILABLE for transport failures and 5xx, ...).
  core::Result<std::string> Outcome(CURL* curl, CURLcode code);

 private:
  void FreeHeaders();

  const Exchange* exchange_ = nullptr;
  std::string url_;
  std::string key_header_;
  curl_slist* headers_ = nullptr;
  std::string answer_;
  std::chrono::milliseconds timeout_{0};
  bool deadline_bound_ = false;
};

// The failure worth another attempt (after a pause), as opposed to a final answer.
bool WorthRetrying(const core::Error& error);

// A pause around `backoff` (from 3/4 to 5/4 of it), so retries of many callers spread out.
std::chrono::milliseconds Jittered(std::chrono::milliseconds backoff);

}  // namespace chansync::pms::curl
