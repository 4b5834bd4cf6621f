#include "tills.h"

#include <rapidjson/document.h>

#include "estate.h"

namespace chansync::test::reliability {

TillPosting RoomCharge(const std::string& pos_id, const std::string& ticket_id, int line,
                       const std::string& revenue_centre, int64_t amount, int64_t tip,
                       const std::string& stay_id, const std::string& folio_id) {
  TillPosting posting;
  posting.id = pos_id + ":" + ticket_id + ":" + std::to_string(line);
  posting.folio_id = folio_id;
  posting.owed = amount + tip;
  posting.body = R"({"kind": "charge", "amount_minor_units": )" + std::to_string(amount) +
                 R"(, "currency": "EUR", "tip_minor_units": )" + std::to_string(tip) +
                 R"(, "revenue_centre": ")" + revenue_centre + R"(", "source": {"pos_id": ")" +
                 pos_id + R"(", "ticket_id": ")" + ticket_id + R"(", "line": )" +
                 std::to_string(line) + R"(}, "target": {"kind": "stay", "id": ")" + stay_id +
                 R"("}})";
  return posting;
}

RetryingTills::RetryingTills(std::vector<std::vector<TillPosting>> tills,
                             const std::string& property, const std::string& key,
                             const std::atomic<int>& http_port,
                             std::chrono::milliseconds retry_after)
    : tills_(std::move(tills)),
      path_("/v1/properties/" + property + "/postings"),
      key_(key),
      http_port_(http_port),
      retry_after_(retry_after) {
  for (const auto& till : tills_) threads_.emplace_back([this, &till] { Run(till); });
}

RetryingTills::~RetryingTills() {
  Stop();
  Join();
}

void RetryingTills::Join() {
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

void RetryingTills::Stop() { stop_ = true; }

std::set<std::string> RetryingTills::BusinessDates() const {
  std::lock_guard lock(mutex_);
  return business_dates_;
}

std::map<std::string, int64_t> RetryingTills::Refusals() const {
  std::lock_guard lock(mutex_);
  return refusals_;
}

void RetryingTills::Run(const std::vector<TillPosting>& till) {
  for (const TillPosting& posting : till) {
    while (!stop_) {
      ++attempts_;
      std::string body;
      const PushAnswer answer = PostJson(http_port_.load(), path_, posting.body, key_, &body);
      if (answer.status == 202) {
        Accepted(body);
        break;
      }
      {
        std::lock_guard lock(mutex_);
        ++refusals_[std::to_string(answer.status) + (answer.code.empty() ? "" : " ") + answer.code];
      }
      std::this_thread::sleep_for(retry_after_);
    }
  }
}

void RetryingTills::Accepted(const std::string& answer_body) {
  ++accepted_;
  rapidjson::Document answer;
  answer.Parse(answer_body.c_str());
  if (!answer.IsObject()) return;
  if (answer.HasMember("duplicate") && answer["duplicate"].IsBool() &&
      answer["duplicate"].GetBool()) {
    ++answered_duplicate_;
  }
  if (answer.HasMember("business_date") && answer["business_date"].IsString()) {
    std::lock_guard lock(mutex_);
    business_dates_.insert(answer["business_date"].GetString());
  }
}

}  // namespace chansync::test::reliability
