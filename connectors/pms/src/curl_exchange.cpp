#include "curl_exchange.h"

#include <algorithm>
#include <random>

#include "chansync/pms/json_wire.h"

namespace chansync::pms::curl {
namespace {

using core::ErrorCode;
using std::chrono::milliseconds;

size_t AppendBody(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

}  // namespace

const char* MethodName(Method method) {
  switch (method) {
    case Method::kGet:
      return "GET";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
  }
  return "GET";
}

std::string Escape(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Attempt::~Attempt() { FreeHeaders(); }

void Attempt::FreeHeaders() {
  curl_slist_free_all(headers_);
  headers_ = nullptr;
}

void Attempt::Prepare(CURL* curl, const Exchange& exchange, const ClientSettings& settings,
                      milliseconds timeout, bool deadline_bound) {
  FreeHeaders();
  exchange_ = &exchange;
  timeout_ = timeout;
  deadline_bound_ = deadline_bound;
  answer_.clear();
  url_ = settings.options.base_url + exchange.path;

  headers_ = curl_slist_append(headers_, "Accept: application/json");
  // Without this curl waits for "100 Continue" before sending larger bodies: a round trip.
  headers_ = curl_slist_append(headers_, "Expect:");
  if (!settings.authorization_header.empty()) {
    headers_ = curl_slist_append(headers_, settings.authorization_header.c_str());
  }
  if (!exchange.idempotency_key.empty()) {
    key_header_ = "Idempotency-Key: " + exchange.idempotency_key;
    headers_ = curl_slist_append(headers_, key_header_.c_str());
  }
  if (exchange.method != Method::kGet) {
    headers_ = curl_slist_append(headers_, "Content-Type: application/json");
  }

  // Every option this client uses is set on every attempt, so a pooled handle needs no
  // curl_easy_reset: the reset would free and re-copy curl's own default strings each time.
  curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers_);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  // curl's defaults, stated: an https PMS proves who it is before it is sent a token.
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!settings.options.ca_file.empty()) {
    curl_easy_setopt(curl, CURLOPT_CAINFO, settings.options.ca_file.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(std::min(settings.options.connect_timeout, timeout).count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer_);
  switch (exchange.method) {
    case Method::kGet:
      curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, nullptr);
      curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
      break;
    case Method::kPut:
    case Method::kPost:
      curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST,
                       exchange.method == Method::kPut ? "PUT" : nullptr);
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(exchange.body.size()));
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, exchange.body.c_str());
      break;
  }
}

core::Result<std::string> Attempt::Outcome(CURL* curl, CURLcode code) {
  FreeHeaders();
  if (code != CURLE_OK) {
    std::string what = std::string(MethodName(exchange_->method)) + " " + url_;
    if (code == CURLE_OPERATION_TIMEDOUT) {
      what = "PMS did not answer " + what + " within " + std::to_string(timeout_.count()) + " ms" +
             (deadline_bound_ ? " (the call's deadline)" : "");
    } else if (code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CACERT_BADFILE) {
      what = "the PMS's TLS certificate was not verified for " + what + " (" +
             curl_easy_strerror(code) + ")";
    } else if (code == CURLE_COULDNT_CONNECT) {
      what = "cannot connect to the PMS for " + what + " (" + curl_easy_strerror(code) + ")";
    } else {
      what = "PMS transport error on " + what + ": " + curl_easy_strerror(code);
    }
    return core::Fail(ErrorCode::kPmsUnavailable, std::move(what));
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 200 && status < 300) return std::move(answer_);
  core::Error failure = wire::ClassifyFailure(status, answer_);
  if (status == 404 && exchange_->not_found_is_not_found) {
    return core::Fail(ErrorCode::kNotFound, std::move(failure.message));
  }
  return std::unexpected(std::move(failure));
}

bool WorthRetrying(const core::Error& error) {
  return core::IsRetried(core::RetryClassOf(error.code));
}

milliseconds Jittered(milliseconds backoff) {
  thread_local std::minstd_rand rng{std::random_device{}()};
  std::uniform_int_distribution<int64_t> half(0, backoff.count() / 2);
  return backoff / 2 + milliseconds(half(rng)) + backoff / 4;
}

}  // namespace chansync::pms::curl
