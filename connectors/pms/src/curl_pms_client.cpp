#include "chansync/pms/curl_pms_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <mutex>
#include <random>
#include <thread>

#include "chansync/pms/json_wire.h"
#include "curl_handle_pool.h"

namespace chansync::pms {
namespace {

using core::ErrorCode;
using core::Fail;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

enum class Method { kGet, kPost, kPut };

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

// One HTTP exchange as the client methods describe it.
struct Exchange {
  Method method = Method::kGet;
  std::string path;  // already escaped, starting with /v1/
  std::string body;
  std::string idempotency_key;
  bool not_found_is_not_found = false;  // 404 -> NOT_FOUND instead of PMS_REJECTED
};

// Percent-encodes one path segment or query value (RFC 3986 unreserved characters pass).
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

std::string PropertyPath(const core::PropertyId& property) {
  return "/v1/properties/" + Escape(property);
}

size_t AppendBody(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

milliseconds Jittered(milliseconds backoff) {
  thread_local std::minstd_rand rng{std::random_device{}()};
  std::uniform_int_distribution<int64_t> half(0, backoff.count() / 2);
  return backoff / 2 + milliseconds(half(rng)) + backoff / 4;
}

void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

struct CurlPmsClient::Impl {
  explicit Impl(CurlPmsClientOptions opts)
      : options(std::move(opts)), handles(options.max_idle_connections) {
    while (!options.base_url.empty() && options.base_url.back() == '/') options.base_url.pop_back();
    if (!options.credentials.empty()) {
      authorization = "Authorization: Bearer " + options.credentials;
    }
  }

  // Result of one attempt: either a transport failure or an HTTP answer.
  struct Attempt {
    bool transport_failed = false;
    core::Error transport_error;
    long status = 0;
    std::string body;
  };

  Attempt Once(const Exchange& exchange, milliseconds timeout, bool deadline_bound) {
    Attempt attempt;
    auto lease = handles.Acquire();
    CURL* curl = lease.get();
    if (curl == nullptr) {
      attempt.transport_failed = true;
      attempt.transport_error = {ErrorCode::kPmsUnavailable, "cannot allocate a curl handle"};
      return attempt;
    }
    // Reset keeps the handle's live connection, which is the point of pooling it.
    curl_easy_reset(curl);
    const std::string url = options.base_url + exchange.path;
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Accept: application/json");
    // Without this curl waits for "100 Continue" before sending larger bodies: a round trip.
    headers = curl_slist_append(headers, "Expect:");
    if (!authorization.empty()) headers = curl_slist_append(headers, authorization.c_str());
    std::string key_header;
    if (!exchange.idempotency_key.empty()) {
      key_header = "Idempotency-Key: " + exchange.idempotency_key;
      headers = curl_slist_append(headers, key_header.c_str());
    }
    if (exchange.method != Method::kGet) {
      headers = curl_slist_append(headers, "Content-Type: application/json");
    }

    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(std::min(options.connect_timeout, timeout).count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &attempt.body);
    switch (exchange.method) {
      case Method::kGet:
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
        break;
      case Method::kPut:
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "PUT");
        [[fallthrough]];
      case Method::kPost:
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, exchange.body.c_str());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(exchange.body.size()));
        break;
    }

    const CURLcode code = curl_easy_perform(curl);
    curl_slist_free_all(headers);
    if (code != CURLE_OK) {
      attempt.transport_failed = true;
      std::string what = std::string(MethodName(exchange.method)) + " " + url;
      if (code == CURLE_OPERATION_TIMEDOUT) {
        what = "PMS did not answer " + what + " within " + std::to_string(timeout.count()) + " ms" +
               (deadline_bound ? " (the call's deadline)" : "");
      } else if (code == CURLE_COULDNT_CONNECT) {
        what = "cannot connect to the PMS for " + what + " (" + curl_easy_strerror(code) + ")";
      } else {
        what = "PMS transport error on " + what + ": " + curl_easy_strerror(code);
      }
      attempt.transport_error = {ErrorCode::kPmsUnavailable, std::move(what)};
      return attempt;
    }
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &attempt.status);
    return attempt;
  }

  // The body of a 2xx answer, retrying transient failures while attempts and time remain.
  core::Result<std::string> Call(const Exchange& exchange, const CallOptions& call) {
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
      Attempt result = Once(exchange, timeout, deadline_bound);
      if (!result.transport_failed && result.status >= 200 && result.status < 300) {
        return std::move(result.body);
      }
      if (result.transport_failed) {
        last = std::move(result.transport_error);
      } else if (result.status == 404 && exchange.not_found_is_not_found) {
        core::Error rejected = wire::ClassifyFailure(result.status, result.body);
        return Fail(ErrorCode::kNotFound, std::move(rejected.message));
      } else {
        last = wire::ClassifyFailure(result.status, result.body);
      }
      if (core::RetryClassOf(last.code) != core::RetryClass::kRetryWithBackoff ||
          attempt >= options.max_attempts) {
        return std::unexpected(last);
      }
      milliseconds pause = Jittered(backoff);
      if (call.deadline) {
        const auto left = std::chrono::duration_cast<milliseconds>(*call.deadline - Clock::now());
        if (left <= pause) return std::unexpected(last);  // no time left for another attempt
      }
      std::this_thread::sleep_for(pause);
      backoff = std::min(backoff * 2, options.max_backoff);
    }
  }

  // Decodes a 2xx body; an unreadable one means the PMS misbehaves (see the header).
  template <typename T>
  core::Result<T> Decoded(const Exchange& exchange, core::Result<T> decoded) {
    if (decoded) return decoded;
    return Fail(ErrorCode::kPmsUnavailable, std::string("PMS sent an unreadable answer to ") +
                                                MethodName(exchange.method) + " " + exchange.path +
                                                ": " + decoded.error().message);
  }

  CurlPmsClientOptions options;
  std::string authorization;
  CurlHandlePool handles;
};

core::Result<std::unique_ptr<CurlPmsClient>> CurlPmsClient::Make(CurlPmsClientOptions options) {
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
  InitCurlOnce();
  return std::unique_ptr<CurlPmsClient>(
      new CurlPmsClient(std::make_unique<Impl>(std::move(options))));
}

CurlPmsClient::CurlPmsClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CurlPmsClient::~CurlPmsClient() = default;

const CurlPmsClientOptions& CurlPmsClient::options() const { return impl_->options; }

core::Result<std::vector<core::PmsProduct>> CurlPmsClient::ListProducts(
    const core::PropertyId& property, const CallOptions& call) {
  Exchange exchange{.path = PropertyPath(property) + "/products"};
  auto body = impl_->Call(exchange, call);
  if (!body) return std::unexpected(body.error());
  return impl_->Decoded(exchange, wire::DecodeProducts(*body));
}

core::Result<std::vector<core::PmsOption>> CurlPmsClient::ListOptions(
    const core::PropertyId& property, const CallOptions& call) {
  Exchange exchange{.path = PropertyPath(property) + "/options"};
  auto body = impl_->Call(exchange, call);
  if (!body) return std::unexpected(body.error());
  return impl_->Decoded(exchange, wire::DecodeOptions(*body));
}

core::Result<std::vector<ProductAvailability>> CurlPmsClient::Availability(
    const core::PropertyId& property, core::CivilDate from, core::CivilDate to,
    const CallOptions& call) {
  Exchange exchange{.path = PropertyPath(property) + "/availability?from=" + from.ToString() +
                            "&to=" + to.ToString()};
  auto body = impl_->Call(exchange, call);
  if (!body) return std::unexpected(body.error());
  return impl_->Decoded(exchange, wire::DecodeAvailability(*body, from, to));
}

core::Result<CheckResult> CurlPmsClient::Check(const core::PropertyId& property,
                                               const core::PmsProductId& product,
                                               const core::Stay& stay, const CallOptions& call) {
  Exchange exchange{
      .path = PropertyPath(property) + "/availability/check?product=" + Escape(product) +
              "&arrival=" + stay.arrival.ToString() + "&departure=" + stay.departure.ToString()};
  auto body = impl_->Call(exchange, call);
  if (!body) return std::unexpected(body.error());
  return impl_->Decoded(exchange, wire::DecodeCheck(*body));
}

core::Result<CreateReservationResult> CurlPmsClient::CreateReservation(
    const core::PropertyId& property, const CreateReservationRequest& request,
    const CallOptions& call) {
  if (request.idempotency_key.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "a PMS create needs an idempotency key");
  }
  Exchange exchange{.method = Method::kPost,
                    .path = PropertyPath(property) + "/reservations",
                    .body = wire::EncodeCreateRequest(request),
                    .idempotency_key = request.idempotency_key};
  auto body = impl_->Call(exchange, call);
  if (!body) return std::unexpected(body.error());
  auto reservation = impl_->Decoded(exchange, wire::DecodeReservation(*body));
  if (!reservation) return std::unexpected(reservation.error());
  return CreateReservationResult{std::move(reservation->id), reservation->overbooked};
}

core::Result<ModifyReservationResult> CurlPmsClient::ModifyReservation(
    const core::PropertyId& property, const ModifyReservationRequest& request,
    const CallOptions& call) {
  if (request.idempotency_key.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "a PMS modify needs an idempotency key");
  }
  Exchange exchange{
      .method = Method::kPut,
      .path = PropertyPath(property) + "/reservations/" + Escape(request.pms_reservation_id),
      .body = wire::EncodeModifyRequest(request),
      .idempotency_key = request.idempotency_key};
  auto body = impl_->Call(exchange, call);
  if (!body) return std::unexpected(body.error());
  auto reservation = impl_->Decoded(exchange, wire::DecodeReservation(*body));
  if (!reservation) return std::unexpected(reservation.error());
  return ModifyReservationResult{reservation->overbooked};
}

core::Status CurlPmsClient::CancelReservation(const core::PropertyId& property,
                                              const std::string& pms_reservation_id,
                                              const CallOptions& call) {
  Exchange exchange{
      .method = Method::kPost,
      .path = PropertyPath(property) + "/reservations/" + Escape(pms_reservation_id) + "/cancel"};
  auto body = impl_->Call(exchange, call);
  if (!body) return std::unexpected(body.error());
  auto reservation = impl_->Decoded(exchange, wire::DecodeReservation(*body));
  if (!reservation) return std::unexpected(reservation.error());
  if (reservation->status != PmsReservationStatus::kCancelled) {
    return Fail(ErrorCode::kPmsUnavailable,
                "PMS answered a cancel of " + pms_reservation_id + " with a status of " +
                    std::string(PmsReservationStatusName(reservation->status)));
  }
  return core::Ok();
}

core::Result<PmsReservation> CurlPmsClient::GetReservation(const core::PropertyId& property,
                                                           const std::string& pms_reservation_id,
                                                           const CallOptions& call) {
  Exchange exchange{.path = PropertyPath(property) + "/reservations/" + Escape(pms_reservation_id),
                    .not_found_is_not_found = true};
  auto body = impl_->Call(exchange, call);
  if (!body) return std::unexpected(body.error());
  return impl_->Decoded(exchange, wire::DecodeReservation(*body));
}

core::Result<std::vector<PmsReservation>> CurlPmsClient::ListReservations(
    const core::PropertyId& property, const CallOptions& call) {
  Exchange exchange{.path = PropertyPath(property) + "/reservations"};
  auto body = impl_->Call(exchange, call);
  if (!body) return std::unexpected(body.error());
  return impl_->Decoded(exchange, wire::DecodeReservations(*body));
}

core::Status CurlPmsClient::Health(const CallOptions& call) {
  Exchange exchange{.path = "/v1/health"};
  auto body = impl_->Call(exchange, call);
  if (!body) return std::unexpected(body.error());
  return core::Ok();
}

}  // namespace chansync::pms
