#include "till_traffic.h"

#include <httplib.h>
#include <rapidjson/document.h>

#include <cstdlib>
#include <thread>

#include "service_access.h"
#include "stats.h"

namespace chansync::loadgen {
namespace {

std::unique_ptr<httplib::Client> ClientOf(const std::string& url_or_address) {
  auto client = std::make_unique<httplib::Client>(url_or_address);
  client->set_keep_alive(true);
  client->set_tcp_nodelay(true);
  return client;
}

// What a 202 answer to a posting says: whether it was a duplicate, and its business date.
struct Acceptance {
  bool duplicate = false;
  std::string business_date;
};

Acceptance AcceptanceOf(const std::string& json) {
  rapidjson::Document document;
  document.Parse(json.c_str(), json.size());
  Acceptance acceptance;
  if (!document.IsObject()) return acceptance;
  if (auto it = document.FindMember("duplicate");
      it != document.MemberEnd() && it->value.IsBool()) {
    acceptance.duplicate = it->value.GetBool();
  }
  if (auto it = document.FindMember("business_date");
      it != document.MemberEnd() && it->value.IsString()) {
    acceptance.business_date = it->value.GetString();
  }
  return acceptance;
}

}  // namespace

TillConnection::TillConnection(const Flags& flags)
    : client_(ClientOf("http://" + flags.Get("http", "127.0.0.1:7480"))) {
  const std::string key = ApiKeyFrom(flags).value_or("");
  if (!key.empty()) client_->set_bearer_token_auth(key);
}

TillConnection::~TillConnection() = default;

std::string TillConnection::Submit(const postings::Posting& charge, std::string* business_date) {
  auto response = client_->Post("/v1/properties/" + charge.property + "/postings",
                                TillPostingBody(charge), "application/json");
  if (!response) return httplib::to_string(response.error());
  if (response->status != 202) return std::to_string(response->status) + " " + response->body;
  const Acceptance acceptance = AcceptanceOf(response->body);
  if (acceptance.duplicate) return "duplicate";
  if (business_date != nullptr) *business_date = acceptance.business_date;
  return "";
}

std::optional<std::string> TillConnection::Get(const std::string& path) {
  auto response = client_->Get(path);
  if (!response || response->status != 200) return std::nullopt;
  return std::move(response->body);
}

BookedCounter::BookedCounter(const Flags& flags)
    : url_(flags.Get("fias-control", "")), fias_(!url_.empty()) {
  if (!fias_) url_ = flags.Get("pms", "http://127.0.0.1:7481");
}

int64_t BookedCounter::operator()() const {
  httplib::Client client(url_);
  auto response = client.Get(fias_ ? "/postings" : "/admin/stats");
  if (!response || response->status != 200) return -1;
  rapidjson::Document stats;
  stats.Parse(response->body.c_str(), response->body.size());
  const char* count = fias_ ? "booked_total" : "postings";
  if (!stats.IsObject() || !stats.HasMember(count) || !stats[count].IsInt64()) return -1;
  return stats[count].GetInt64();
}

BookedProgress WaitUntilBooked(const BookedCounter& count_booked, int64_t target,
                               std::chrono::steady_clock::time_point start, double timeout,
                               double stall) {
  BookedProgress progress{.seconds = SecondsSince(start), .booked = -1};
  while (SecondsSince(start) < timeout) {
    const int64_t booked = count_booked();
    if (booked > progress.booked) progress = {.seconds = SecondsSince(start), .booked = booked};
    if (progress.booked >= target || SecondsSince(start) - progress.seconds > stall) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return progress;
}

}  // namespace chansync::loadgen
