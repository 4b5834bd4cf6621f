#include "faults.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>
#include <random>
#include <thread>

namespace chansync::pmssim {
namespace {

constexpr int kMaxLatencyMs = 600'000;

core::Status Bad(std::string message) {
  return core::Fail(core::ErrorCode::kInvalidArgument, std::move(message));
}

bool NonNegativeInt(const rapidjson::Value& value, int max) {
  return value.IsInt() && value.GetInt() >= 0 && value.GetInt() <= max;
}

}  // namespace

bool Faults::TakeOne(std::atomic<int>& counter) {
  int left = counter.load();
  while (left > 0 && !counter.compare_exchange_weak(left, left - 1)) {
  }
  return left > 0;
}

Faults::Verdict Faults::Decide() {
  if (const int latency = latency_ms_.load(std::memory_order_relaxed); latency > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(latency));
  }
  Verdict verdict;
  if (down_.load(std::memory_order_relaxed)) {
    verdict = {503, "UNAVAILABLE", "the PMS is down"};
  } else if (TakeOne(fail_next_5xx_)) {
    verdict = {500, "INTERNAL", "injected server failure"};
  } else if (const double rate = fail_5xx_rate_.load(std::memory_order_relaxed); rate > 0) {
    thread_local std::minstd_rand rng{std::random_device{}()};
    if (std::uniform_real_distribution<double>(0, 1)(rng) < rate) {
      verdict = {500, "INTERNAL", "injected random server failure"};
    }
  }
  if (verdict.status == 0 && TakeOne(reject_next_)) {
    std::lock_guard lock(message_mutex_);
    verdict = {422, "REJECTED", reject_message_};
  }
  if (verdict.status != 0) injected_.fetch_add(1, std::memory_order_relaxed);
  return verdict;
}

core::Status Faults::Apply(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) return Bad("body must be a JSON object");
  // Validate everything first so a bad field changes nothing.
  const rapidjson::Value* latency = nullptr;
  const rapidjson::Value* down = nullptr;
  const rapidjson::Value* fail_next = nullptr;
  const rapidjson::Value* reject_next = nullptr;
  const rapidjson::Value* reject_message = nullptr;
  const rapidjson::Value* rate = nullptr;
  for (const auto& member : doc.GetObject()) {
    const std::string_view name(member.name.GetString(), member.name.GetStringLength());
    const rapidjson::Value& value = member.value;
    if (name == "latency_ms") {
      if (!NonNegativeInt(value, kMaxLatencyMs)) return Bad("latency_ms must be 0..600000");
      latency = &value;
    } else if (name == "down") {
      if (!value.IsBool()) return Bad("down must be true or false");
      down = &value;
    } else if (name == "fail_next_5xx") {
      if (!NonNegativeInt(value, 1'000'000)) return Bad("fail_next_5xx must be 0..1000000");
      fail_next = &value;
    } else if (name == "reject_next") {
      if (!NonNegativeInt(value, 1'000'000)) return Bad("reject_next must be 0..1000000");
      reject_next = &value;
    } else if (name == "reject_message") {
      if (!value.IsString() || value.GetStringLength() == 0) {
        return Bad("reject_message must be a non-empty string");
      }
      reject_message = &value;
    } else if (name == "fail_5xx_rate") {
      if (!value.IsNumber() || value.GetDouble() < 0 || value.GetDouble() > 1) {
        return Bad("fail_5xx_rate must be a number in 0..1");
      }
      rate = &value;
    } else {
      return Bad("unknown fault \"" + std::string(name) + "\"");
    }
  }
  if (latency) latency_ms_.store(latency->GetInt());
  if (down) down_.store(down->GetBool());
  if (rate) fail_5xx_rate_.store(rate->GetDouble());
  if (reject_message) {
    std::lock_guard lock(message_mutex_);
    reject_message_.assign(reject_message->GetString(), reject_message->GetStringLength());
  }
  if (fail_next) fail_next_5xx_.store(fail_next->GetInt());
  if (reject_next) reject_next_.store(reject_next->GetInt());
  return core::Ok();
}

std::string Faults::ToJson() const {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("latency_ms");
  w.Int(latency_ms_.load());
  w.Key("down");
  w.Bool(down_.load());
  w.Key("fail_next_5xx");
  w.Int(fail_next_5xx_.load());
  w.Key("reject_next");
  w.Int(reject_next_.load());
  w.Key("reject_message");
  {
    std::lock_guard lock(message_mutex_);
    w.String(reject_message_.c_str(), reject_message_.size());
  }
  w.Key("fail_5xx_rate");
  w.Double(fail_5xx_rate_.load());
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace chansync::pmssim
