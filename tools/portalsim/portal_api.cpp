#include "portal_api.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>
#include <thread>

#include "chansync/channel/planning_wire.h"
#include "chansync/core/ids.h"

namespace chansync::portalsim {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

constexpr tools::ErrorAnswers kErrors(channel::wire::EncodeError);

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

SimResponse PortalApi::Handle(const SimRequest& request) {
  const std::string_view path = request.path;
  if (path.starts_with("/v1/")) return HandleV1(request, path.substr(4));
  if (path.starts_with("/admin/")) return HandleAdmin(request, path.substr(7));
  return kErrors.NoRoute();
}

SimResponse PortalApi::HandleV1(const SimRequest& request, std::string_view rest) {
  if (const int latency = latency_ms_.load(); latency > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(latency));
  }
  if (const int status = fail_status_.load(); status != 0) {
    book_.CountFault();
    return kErrors.Error(status, status >= 500 ? "UNAVAILABLE" : "REJECTED",
                         "failure injected by /admin/faults");
  }
  if (rest == "health") {
    if (request.method != "GET") return kErrors.WrongMethod();
    return {200, R"({"status":"ok"})"};
  }
  constexpr std::string_view kChannels = "channels/";
  constexpr std::string_view kPlanning = "/planning";
  if (!rest.starts_with(kChannels) || !rest.ends_with(kPlanning)) return kErrors.NoRoute();
  rest.remove_prefix(kChannels.size());
  rest.remove_suffix(kPlanning.size());
  const std::string channel(rest);
  if (!core::ValidateId("channel", channel)) return kErrors.NoRoute();
  if (request.method != "POST") return kErrors.WrongMethod();
  return Plan(channel, request.body);
}

SimResponse PortalApi::Plan(const std::string& channel, std::string_view body) {
  auto push = channel::wire::DecodePlanningPush(body);
  SimResponse refusal;
  if (!push) {
    refusal = kErrors.Invalid(push.error().message);
  } else if (push->channel != channel) {
    refusal = kErrors.Invalid("body channel \"" + push->channel +
                              "\" does not match path channel \"" + channel + "\"");
  } else if (push->Cells() > max_cells_) {
    refusal = kErrors.Error(413, "TOO_LARGE",
                            std::to_string(push->Cells()) + " cells in one request, at most " +
                                std::to_string(max_cells_));
  } else {
    book_.Apply(*push, NowMicros());
    return {200, channel::wire::EncodeAccepted(push->Cells())};
  }
  book_.CountRejected();
  return refusal;
}

SimResponse PortalApi::HandleAdmin(const SimRequest& request, std::string_view rest) {
  const bool get = request.method == "GET";
  const bool post = request.method == "POST";
  if (rest == "planning") return get ? AdminPlanning(request) : kErrors.WrongMethod();
  if (rest == "stats") return get ? Stats() : kErrors.WrongMethod();
  if (rest == "faults") {
    if (post) return SetFaults(request.body);
    return get ? Faults() : kErrors.WrongMethod();
  }
  if (rest == "reset") {
    if (!post) return kErrors.WrongMethod();
    book_.Clear();
    fail_status_.store(0);
    latency_ms_.store(start_latency_ms_);
    return {200, R"({"reset":true})"};
  }
  return kErrors.NoRoute();
}

SimResponse PortalApi::AdminPlanning(const SimRequest& request) {
  std::string ids[3];
  const char* names[3] = {"channel", "property", "product"};
  for (int i = 0; i < 3; ++i) {
    const std::string* value = request.Param(names[i]);
    if (value == nullptr)
      return kErrors.Invalid(std::string("query parameter ") + names[i] + " is required");
    ids[i] = *value;
  }
  std::optional<core::CivilDate> bounds[2];
  const char* bound_names[2] = {"from", "to"};
  for (int i = 0; i < 2; ++i) {
    const std::string* text = request.Param(bound_names[i]);
    if (text == nullptr) continue;
    auto date = core::CivilDate::Parse(*text);
    if (!date) return kErrors.Invalid(std::string(bound_names[i]) + ": " + date.error().message);
    bounds[i] = *date;
  }
  if (bounds[0] && bounds[1] && *bounds[1] < *bounds[0])
    return kErrors.Invalid("to is before from");

  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("nights");
  w.StartArray();
  for (const NightPlanning& night : book_.Nights(ids[0], ids[1], ids[2], bounds[0], bounds[1])) {
    w.StartObject();
    w.Key("date");
    const std::string date = night.date.ToString();
    w.String(date.data(), date.size());
    w.Key("free");
    w.Int(night.free);
    w.Key("updates");
    w.Int64(night.updates);
    w.Key("received_at_us");
    w.Int64(night.received_at_us);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return {200, std::string(buffer.GetString(), buffer.GetSize())};
}

SimResponse PortalApi::SetFaults(std::string_view body) {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return kErrors.Invalid("body must be a JSON object");
  int fail_status = fail_status_.load();
  int latency_ms = latency_ms_.load();
  if (auto it = doc.FindMember("fail_status"); it != doc.MemberEnd()) {
    const auto& v = it->value;
    if (!v.IsInt() || (v.GetInt() != 0 && (v.GetInt() < 400 || v.GetInt() > 599))) {
      return kErrors.Invalid("fail_status must be 0 (off) or 400..599");
    }
    fail_status = v.GetInt();
  }
  if (auto it = doc.FindMember("latency_ms"); it != doc.MemberEnd()) {
    const auto& v = it->value;
    if (!v.IsInt() || v.GetInt() < 0 || v.GetInt() > 600'000) {
      return kErrors.Invalid("latency_ms must be 0..600000");
    }
    latency_ms = v.GetInt();
  }
  fail_status_.store(fail_status);
  latency_ms_.store(latency_ms);
  return Faults();
}

SimResponse PortalApi::Faults() const {
  return {200, "{\"fail_status\":" + std::to_string(fail_status_.load()) +
                   ",\"latency_ms\":" + std::to_string(latency_ms_.load()) + "}"};
}

SimResponse PortalApi::Stats() const {
  const PlanningStats stats = book_.Stats();
  return {200, "{\"requests\":" + std::to_string(stats.requests) + ",\"cells\":" +
                   std::to_string(stats.cells) + ",\"rejected\":" + std::to_string(stats.rejected) +
                   ",\"faults_injected\":" + std::to_string(stats.faults_injected) + "}"};
}

}  // namespace chansync::portalsim
