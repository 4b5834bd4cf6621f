// The HTTP ingest request path (connectors/channel HttpIngestServer) end to end: routing,
// Content-Type, Content-Length or chunked bodies, the reservation, batch and availability-check
// handlers and their error bodies. The server's handlers are private to it, so one in-process
// server on a loopback port, queueing into an in-memory work queue, answers every input on a
// fresh connection. The first byte picks route, Content-Type and transfer encoding; the rest is
// the body. Checked: every answer is HTTP with a JSON body, errors are {"error": {"code",
// "message"}} and never a 500, and what the answer says was accepted is exactly what reached the
// queue, each item a work item the worker can read.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <rapidjson/document.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "chansync/channel/availability_checks.h"
#include "chansync/channel/http_ingest_server.h"
#include "chansync/channel/ingestor.h"
#include "chansync/channel/work_item.h"
#include "chansync/core/clock.h"
#include "chansync/queue/testing/in_memory_work_queue.h"
#include "fuzz_target.h"
#include "round_trip.h"

namespace chansync::fuzz {
namespace {

constexpr std::string_view kUrlChannel = "secureholiday";

enum class Route { kReservations, kBatch, kAvailabilityChecks, kHealth, kUnknown };
constexpr int kRoutes = 5;
constexpr std::string_view kContentTypes[] = {"application/json", "Application/JSON; charset=utf-8",
                                              "text/plain", ""};
constexpr int kContentTypeCount = 4;

// Every check answers AVAILABLE: the fuzzed part is the request, not the engine.
class AlwaysAvailable final : public channel::AvailabilityChecks {
 public:
  core::Result<channel::AvailabilityCheckAnswer> Check(
      const channel::AvailabilityCheckRequest&) override {
    return channel::AvailabilityCheckAnswer{
        .outcome = channel::CheckOutcome::kAvailable, .units_left = 1, .check_id = "fuzz-check"};
  }
};

// One server for the whole run: starting one per input would cost more than the input.
struct IngestRig {
  core::SystemClock clock;
  queue::testing::InMemoryWorkQueue queue{clock};
  channel::Ingestor ingestor{queue, clock};
  AlwaysAvailable checks;
  channel::HttpIngestServer server{
      ingestor,
      {.host = "127.0.0.1", .port = 0, .worker_threads = 2, .idle_timeout_seconds = 1},
      &checks};

  IngestRig() {
    auto started = server.Start();
    FUZZ_CHECK(started.has_value(),
               "the ingest server did not start: " + started.error().ToString());
  }
};

IngestRig& Rig() {
  static auto* rig = new IngestRig();  // never destroyed: libFuzzer exits without unwinding
  return *rig;
}

struct HttpRequest {
  Route route;
  std::string text;
};

HttpRequest BuildRequest(std::string_view input) {
  const auto [selector, fuzzed_body] = SplitSelector(input);
  const auto route = static_cast<Route>(selector % kRoutes);
  // A GET carries no body, as a portal's health check would send it.
  const std::string_view body = route == Route::kHealth ? std::string_view{} : fuzzed_body;
  const std::string_view content_type = kContentTypes[(selector / kRoutes) % kContentTypeCount];
  const bool chunked = (selector / (kRoutes * kContentTypeCount)) % 2 == 1;
  const std::string channel_path = "/v1/channels/" + std::string(kUrlChannel);
  std::string line;
  switch (route) {
    case Route::kReservations:
      line = "POST " + channel_path + "/reservations";
      break;
    case Route::kBatch:
      line = "POST " + channel_path + "/reservations:batch";
      break;
    case Route::kAvailabilityChecks:
      line = "POST " + channel_path + "/availability-checks";
      break;
    case Route::kHealth:
      line = "GET /healthz";
      break;
    case Route::kUnknown:
      line = "POST " + channel_path + "/cancellations";
      break;
  }
  std::string text = line + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!content_type.empty()) text += "Content-Type: " + std::string(content_type) + "\r\n";
  if (chunked) {
    text += "Transfer-Encoding: chunked\r\n\r\n";
    if (!body.empty()) {
      char size[32];
      std::snprintf(size, sizeof size, "%zx\r\n", body.size());
      text += size;
      text += body;
      text += "\r\n";
    }
    text += "0\r\n\r\n";
  } else {
    text += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    text += body;
  }
  return {route, std::move(text)};
}

// How many bytes the answer in `raw` takes, once its headers are in: headers plus
// Content-Length (the server always sends one). 0 while the headers are incomplete.
size_t AnswerSize(const std::string& raw) {
  const size_t headers_end = raw.find("\r\n\r\n");
  if (headers_end == std::string::npos) return 0;
  std::string headers = raw.substr(0, headers_end);
  for (char& c : headers) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const size_t length_at = headers.find("\r\ncontent-length:");
  const size_t body = length_at == std::string::npos
                          ? 0
                          : std::strtoul(headers.c_str() + length_at + 17, nullptr, 10);
  return headers_end + 4 + body;
}

// Sends `request` on a new connection and reads one answer. The connection is then reset
// rather than closed, so thousands of connections a second leave no TIME_WAIT behind. libFuzzer's
// timer signal interrupts system calls (a connect waits while the server's backlog is full):
// they are restarted.
std::string Exchange(int port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  FUZZ_CHECK(fd >= 0, "socket() failed");
  timeval timeout{.tv_sec = 10, .tv_usec = 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  const linger reset{.l_onoff = 1, .l_linger = 0};
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    FUZZ_CHECK(errno == EINTR,
               "cannot connect to the ingest server: " + std::string(std::strerror(errno)));
    // An interrupted connect goes on in the background: wait until it is done.
    pollfd connecting{.fd = fd, .events = POLLOUT, .revents = 0};
    while (::poll(&connecting, 1, 10'000) < 0 && errno == EINTR) {
    }
    int error = 0;
    socklen_t error_size = sizeof error;
    ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &error_size);
    FUZZ_CHECK((connecting.revents & POLLOUT) != 0 && error == 0,
               "cannot connect to the ingest server: " + std::string(std::strerror(error)));
  }
  for (size_t sent = 0; sent < request.size();) {
    const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the server may answer (413) and close before reading everything
    sent += static_cast<size_t>(n);
  }
  // No half-close: a server may take a peer that shut its side for gone and not answer.
  std::string response;
  char buffer[16384];
  while (AnswerSize(response) == 0 || response.size() < AnswerSize(response)) {
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n == 0) break;
    if (n < 0 && errno == EINTR) continue;
    FUZZ_CHECK(n > 0, "no answer within 10 s, or the connection broke (" +
                          std::string(std::strerror(errno)) + "): " + response);
    response.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return response;
}

struct HttpResponse {
  int status = 0;
  rapidjson::Document body;
};

HttpResponse ParseResponse(const std::string& raw) {
  HttpResponse response;
  FUZZ_CHECK(raw.starts_with("HTTP/1.1 ") && raw.size() >= 12, "not an HTTP answer: " + raw);
  response.status = std::stoi(raw.substr(9, 3));
  const size_t headers_end = raw.find("\r\n\r\n");
  FUZZ_CHECK(headers_end != std::string::npos, "an answer without a header end: " + raw);
  const std::string_view body = std::string_view(raw).substr(headers_end + 4);
  response.body.Parse(body.data(), body.size());
  FUZZ_CHECK(!response.body.HasParseError() && response.body.IsObject(),
             "the answer's body is not a JSON object: " + raw);
  return response;
}

bool HasString(const rapidjson::Value& object, const char* name) {
  return object.IsObject() && object.HasMember(name) && object[name].IsString() &&
         object[name].GetStringLength() > 0;
}

// Empties the queue, checking each item is a work item of the URL's channel; returns how many.
size_t DrainQueue() {
  auto& queue = Rig().queue;
  auto claimed = queue.Claim("fuzz", 1'000'000, std::chrono::milliseconds(0));
  FUZZ_CHECK(claimed.has_value(), "the in-memory queue refused a claim");
  for (const auto& message : *claimed) {
    auto item = channel::WorkItemFromJson(message.payload);
    FUZZ_CHECK(item.has_value(), "an accepted item the worker cannot read: " +
                                     item.error().ToString() + "\n" + message.payload);
    FUZZ_CHECK(item->reservation.channel == kUrlChannel, "an item of another channel");
  }
  FUZZ_CHECK(queue.Ack(*claimed).has_value(), "the in-memory queue refused an ack");
  return claimed->size();
}

void CheckAnswer(Route route, const HttpResponse& response, size_t queued) {
  const auto& body = response.body;
  const std::string status = "HTTP " + std::to_string(response.status);
  FUZZ_CHECK(response.status < 500, status + ": bad input is never a server error");
  if (response.status >= 400) {
    FUZZ_CHECK(body.HasMember("error") && HasString(body["error"], "code") &&
                   body["error"].HasMember("message") && body["error"]["message"].IsString(),
               status + " without {\"error\": {\"code\", \"message\"}}");
    FUZZ_CHECK(queued == 0, status + " but something was queued");
    return;
  }
  switch (route) {
    case Route::kReservations:
      FUZZ_CHECK(response.status == 202, status + " for a single push");
      FUZZ_CHECK(HasString(body, "tracking_id") && HasString(body, "id"), "202 without ids");
      FUZZ_CHECK(queued == 1, "202 but " + std::to_string(queued) + " items queued");
      return;
    case Route::kBatch:
      FUZZ_CHECK(body.HasMember("accepted") && body["accepted"].IsUint() &&
                     body.HasMember("results") && body["results"].IsArray(),
                 "a batch answer without accepted and results");
      FUZZ_CHECK(body["accepted"].GetUint() == queued,
                 "the batch answer says " + std::to_string(body["accepted"].GetUint()) +
                     " accepted, the queue got " + std::to_string(queued));
      return;
    case Route::kAvailabilityChecks:
      FUZZ_CHECK(HasString(body, "outcome"), "a check answer without an outcome");
      break;
    case Route::kHealth:
    case Route::kUnknown:
      FUZZ_CHECK(route == Route::kHealth, status + " for an unknown route");
      break;
  }
  FUZZ_CHECK(queued == 0, "a route that does not ingest queued something");
}

void FuzzHttpIngest(std::string_view input) {
  const HttpRequest request = BuildRequest(input);
  const std::string raw = Exchange(Rig().server.port(), request.text);
  const HttpResponse response = ParseResponse(raw);
  CheckAnswer(request.route, response, DrainQueue());
}

}  // namespace
}  // namespace chansync::fuzz

CHANSYNC_FUZZ_TARGET("http_ingest", chansync::fuzz::FuzzHttpIngest)
