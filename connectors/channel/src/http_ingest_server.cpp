#include "chansync/channel/http_ingest_server.h"

#include <httplib.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <optional>
#include <string>

#include "availability_check_json.h"
#include "chansync/channel/availability_checks.h"
#include "chansync/channel/ingestor.h"
#include "chansync/core/error_json.h"
#include "chansync/core/json_parse.h"
#include "chansync/core/pooled_json_document.h"
#include "chansync/core/reservation_json.h"
#include "chansync/core/reservation_json_value.h"

namespace chansync::channel {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;
constexpr const char* kJson = "application/json";

void WriteString(JsonWriter& w, std::string_view text) {
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

// A failed item of a batch answers with the same object an error reply carries.
void WriteError(JsonWriter& w, const core::Error& error) {
  const std::string json = core::ErrorJson(error);
  w.RawValue(json.data(), json.size(), rapidjson::kObjectType);
}

void WriteAcceptance(JsonWriter& w, const Acceptance& acceptance) {
  w.StartObject();
  w.Key("tracking_id");
  WriteString(w, acceptance.tracking_id);
  w.Key("id");
  WriteString(w, acceptance.id);
  w.EndObject();
}

// For errors the HTTP layer itself diagnosed (415, 413, an unknown route): their status is the
// transport's, not the code's.
void ReplyError(httplib::Response& res, int status, const core::Error& error) {
  res.status = status;
  res.set_content(core::ErrorJson(error), kJson);
}

void ReplyError(httplib::Response& res, const core::Error& error) {
  core::HttpErrorReply reply = core::ToHttpError(error);
  res.status = reply.status;
  res.set_content(reply.body, kJson);
}

// Lenient on parameters and case: "Application/JSON; charset=utf-8" is JSON.
bool IsJsonContentType(std::string value) {
  value = value.substr(0, value.find(';'));
  auto blank = [](unsigned char c) { return std::isspace(c) != 0; };
  value.erase(value.begin(), std::find_if_not(value.begin(), value.end(), blank));
  value.erase(std::find_if_not(value.rbegin(), value.rend(), blank).base(), value.end());
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return value == kJson;
}

bool RequireJson(const httplib::Request& req, httplib::Response& res) {
  if (IsJsonContentType(req.get_header_value("Content-Type"))) return true;
  ReplyError(res, 415,
             {core::ErrorCode::kInvalidArgument, "Content-Type must be application/json, got \"" +
                                                     req.get_header_value("Content-Type") + "\""});
  return false;
}

// Fills the body of errors raised by the HTTP layer itself (unknown route, oversized body, bad
// request line), so every error a portal sees has the same JSON shape.
core::Error TransportError(int status) {
  switch (status) {
    case 404:
      return {core::ErrorCode::kNotFound, "no such route"};
    case 413:
      return {core::ErrorCode::kInvalidArgument, "body: larger than the server accepts"};
    default:
      if (status >= 500) return {core::ErrorCode::kInternal, "internal error"};
      return {core::ErrorCode::kInvalidArgument,
              "bad request (HTTP " + std::to_string(status) + ")"};
  }
}

}  // namespace

struct HttpIngestServer::Impl {
  Impl(Ingestor& ingestor, const HttpIngestOptions& options, AvailabilityChecks* checks)
      : ingestor(ingestor), options(options), checks(checks) {}

  // Reads the body, at most max_body_bytes whatever its framing (Content-Length, chunked or
  // until the connection closes): the count is checked as each piece arrives, so an oversized
  // body is refused with 413 before it is buffered. A refused or broken body leaves the rest of
  // the request unread, so the connection is closed after the answer. nullopt when refused, with
  // the reply set.
  std::optional<std::string> ReadBody(const httplib::Request& req, httplib::Response& res,
                                      const httplib::ContentReader& reader) const {
    std::string body;
    bool too_large = false;
    const bool complete = reader([&](const char* data, size_t size) {
      too_large = size > options.max_body_bytes - body.size();
      if (too_large) return false;
      body.append(data, size);
      return true;
    });
    if (!complete) {
      // httplib has already set 413 when a Content-Length announced too much.
      const int status = too_large || res.status == 413 ? 413 : 400;
      ReplyError(res, status, TransportError(status));
      res.set_header("Connection", "close");
      return std::nullopt;
    }
    if (!RequireJson(req, res)) return std::nullopt;
    return body;
  }

  // The request's own check, before its body is read; false with the reply set when refused.
  bool Admit(const httplib::Request& req, httplib::Response& res, IngestRoute route) const {
    if (!options.authorize) return true;
    auto admitted = options.authorize(req.get_header_value("Authorization"), route,
                                      req.matches[1].str(), std::nullopt);
    if (admitted) return true;
    ReplyError(res, admitted.error());
    // The body was not read: the connection cannot carry another request.
    res.set_header("Connection", "close");
    return false;
  }

  // The check of one item of an admitted request, for the property it names.
  core::Status AdmitItem(const httplib::Request& req, IngestRoute route,
                         std::string_view property) const {
    if (!options.authorize) return core::Ok();
    return options.authorize(req.get_header_value("Authorization"), route, req.matches[1].str(),
                             property);
  }

  void CheckAvailability(const httplib::Request& req, httplib::Response& res,
                         const httplib::ContentReader& reader) {
    if (!Admit(req, res, IngestRoute::kCheckAvailability)) return;
    auto body = ReadBody(req, res, reader);
    if (!body) return;
    auto request = AvailabilityCheckRequestFromJson(*body, req.matches[1].str());
    if (!request) return ReplyError(res, request.error());
    if (auto admitted = AdmitItem(req, IngestRoute::kCheckAvailability, request->property);
        !admitted) {
      return ReplyError(res, admitted.error());
    }
    auto answer = checks->Check(*request);
    if (!answer) return ReplyError(res, answer.error());
    res.status = 200;
    res.set_content(AvailabilityCheckAnswerToJson(*answer), kJson);
  }

  void PushOne(const httplib::Request& req, httplib::Response& res,
               const httplib::ContentReader& reader) {
    if (!Admit(req, res, IngestRoute::kPushReservation)) return;
    auto body = ReadBody(req, res, reader);
    if (!body) return;
    auto reservation = core::ReservationFromJson(*body, req.matches[1].str());
    if (!reservation) return ReplyError(res, reservation.error());
    if (auto admitted = AdmitItem(req, IngestRoute::kPushReservation, reservation->property);
        !admitted) {
      return ReplyError(res, admitted.error());
    }
    auto accepted = ingestor.Push(std::move(*reservation));
    if (!accepted) return ReplyError(res, accepted.error());
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    WriteAcceptance(w, *accepted);
    res.status = 202;
    res.set_content(buffer.GetString(), buffer.GetSize(), kJson);
  }

  void PushBatch(const httplib::Request& req, httplib::Response& res,
                 const httplib::ContentReader& reader) {
    if (!Admit(req, res, IngestRoute::kPushBatch)) return;
    auto body = ReadBody(req, res, reader);
    if (!body) return;
    const std::string channel = req.matches[1].str();
    core::PooledJsonDocument doc;
    if (auto parsed = core::json::ParseUntrusted(doc, *body); !parsed) {
      return ReplyError(res,
                        {core::ErrorCode::kInvalidReservation, "body: " + parsed.error().message});
    }
    if (!doc.IsArray()) {
      return ReplyError(res, {core::ErrorCode::kInvalidReservation,
                              "body: must be a JSON array of reservations"});
    }
    if (doc.Size() > options.max_batch_items) {
      return ReplyError(res, {core::ErrorCode::kInvalidArgument,
                              "body: at most " + std::to_string(options.max_batch_items) +
                                  " reservations per batch, got " + std::to_string(doc.Size())});
    }
    // Parse failures keep their slot, so the answer lines up with the request.
    std::vector<core::Result<Acceptance>> results(doc.Size());
    std::vector<core::Reservation> valid;
    std::vector<size_t> valid_positions;
    for (rapidjson::SizeType i = 0; i < doc.Size(); ++i) {
      auto reservation = core::ReservationFromJsonValue(doc[i], channel);
      if (!reservation) {
        results[i] = std::unexpected(reservation.error());
        continue;
      }
      if (auto admitted = AdmitItem(req, IngestRoute::kPushBatch, reservation->property);
          !admitted) {
        results[i] = std::unexpected(admitted.error());
        continue;
      }
      valid.push_back(std::move(*reservation));
      valid_positions.push_back(i);
    }
    auto pushed = ingestor.PushBatch(std::move(valid));
    for (size_t k = 0; k < pushed.size(); ++k) results[valid_positions[k]] = std::move(pushed[k]);

    int accepted = 0;
    for (const auto& result : results) {
      if (result) {
        ++accepted;
      } else if (result.error().code == core::ErrorCode::kStoreUnavailable) {
        // One round trip carried every valid item: when it failed, none was accepted.
        return ReplyError(res, result.error());
      }
    }
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("accepted");
    w.Int(accepted);
    w.Key("results");
    w.StartArray();
    for (const auto& result : results) {
      if (result) {
        WriteAcceptance(w, *result);
      } else {
        WriteError(w, result.error());
      }
    }
    w.EndArray();
    w.EndObject();
    res.status = 200;
    res.set_content(buffer.GetString(), buffer.GetSize(), kJson);
  }

  Ingestor& ingestor;
  const HttpIngestOptions& options;
  AvailabilityChecks* checks;
  httplib::Server server;
  std::atomic<bool> listener_done{false};
};

HttpIngestServer::HttpIngestServer(Ingestor& ingestor, HttpIngestOptions options,
                                   AvailabilityChecks* checks)
    : ingestor_(ingestor), options_(std::move(options)), checks_(checks) {}

HttpIngestServer::~HttpIngestServer() { Stop(); }

core::Status HttpIngestServer::Start() {
  std::lock_guard lock(lifecycle_mutex_);
  if (impl_) return core::Fail(core::ErrorCode::kInvalidArgument, "HTTP server already started");
  auto impl = std::make_unique<Impl>(ingestor_, options_, checks_);
  httplib::Server& server = impl->server;
  const size_t workers = static_cast<size_t>(std::max(1, options_.worker_threads));
  server.new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
  server.set_payload_max_length(options_.max_body_bytes);
  server.set_keep_alive_max_count(100000);
  server.set_keep_alive_timeout(options_.keep_alive_seconds);
  // Headers and body go out in separate writes; without this, Nagle holds the body back until
  // the client's delayed ACK (40 ms) on every keep-alive request.
  server.set_tcp_nodelay(true);

  Impl* routes = impl.get();
  auto route = [routes](auto handler) {
    return [routes, handler](const httplib::Request& req, httplib::Response& res,
                             const httplib::ContentReader& reader) {
      (routes->*handler)(req, res, reader);
    };
  };
  server.Post(R"(/v1/channels/([^/]+)/reservations)", route(&Impl::PushOne));
  server.Post(R"(/v1/channels/([^/]+)/reservations:batch)", route(&Impl::PushBatch));
  if (checks_) {
    server.Post(R"(/v1/channels/([^/]+)/availability-checks)", route(&Impl::CheckAvailability));
  }
  server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"status":"ok"})", kJson);
  });
  server.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        ReplyError(res, res.status, TransportError(res.status));
        return httplib::Server::HandlerResponse::Handled;
      }));
  server.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr thrown) {
        std::string what = "unknown exception";
        try {
          std::rethrow_exception(thrown);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        spdlog::error("http {} {}: {}", req.method, req.path, what);
        ReplyError(res, {core::ErrorCode::kInternal, "internal error"});
      });

  // httplib's default adds SO_REUSEPORT, with which a second instance on the same port starts
  // and silently takes half the connections. SO_REUSEADDR alone still rebinds a port in
  // TIME_WAIT after a restart, but refuses one another process listens on.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  int port = options_.port;
  if (port == 0) {
    port = server.bind_to_any_port(options_.host);
    if (port <= 0) {
      return core::Fail(core::ErrorCode::kInvalidArgument, "cannot listen on " + options_.host);
    }
  } else if (!server.bind_to_port(options_.host, port)) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "cannot listen for HTTP on " + options_.host + ":" + std::to_string(port) +
                          " (is the port already in use?)");
  }
  listener_ = std::thread([routes] {
    routes->server.listen_after_bind();
    routes->listener_done = true;
  });
  // httplib ignores stop() until its accept loop runs, so Stop() must not race ahead of it.
  while (!server.is_running() && !impl->listener_done) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (impl->listener_done) {
    listener_.join();
    return core::Fail(core::ErrorCode::kInternal, "HTTP listener stopped at start");
  }
  port_ = port;
  impl_ = std::move(impl);
  return core::Ok();
}

std::string HttpIngestServer::address() const {
  const bool ipv6 = options_.host.find(':') != std::string::npos;
  return (ipv6 ? "[" + options_.host + "]" : options_.host) + ":" + std::to_string(port_);
}

void HttpIngestServer::Stop() {
  std::lock_guard lock(lifecycle_mutex_);
  if (!impl_) return;
  impl_->server.stop();
  if (listener_.joinable()) listener_.join();
  impl_.reset();
}

}  // namespace chansync::channel
