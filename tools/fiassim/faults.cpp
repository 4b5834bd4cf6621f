#include "faults.h"

#include <map>

#include "chansync/core/json_fields.h"

namespace chansync::fiassim {
namespace {

constexpr int kMaxCount = 100'000'000;

core::Status Bad(std::string message) {
  return core::Fail(core::ErrorCode::kInvalidArgument, std::move(message));
}

}  // namespace

template <typename Self>
auto Faults::FlagsOf(Self& self) {
  return std::map<std::string_view, decltype(&self.refuse_handshake_)>{
      {"refuse_handshake", &self.refuse_handshake_},
      {"ignore_keep_alive", &self.ignore_keep_alive_}};
}

template <typename Self>
auto Faults::CountsOf(Self& self) {
  return std::map<std::string_view, decltype(&self.latency_ms_)>{
      {"latency_ms", &self.latency_ms_},
      {"drop_before_booking", &self.drop_before_booking_},
      {"drop_after_booking", &self.drop_after_booking_},
      {"never_answer", &self.never_answer_},
      {"answer_twice", &self.answer_twice_},
      {"drop_every", &self.drop_every_}};
}

bool Faults::TakeOne(std::atomic<int>& counter) {
  int left = counter.load();
  while (left > 0 && !counter.compare_exchange_weak(left, left - 1)) {
  }
  return left > 0;
}

Faults::PostingFault Faults::NextPosting() {
  const int64_t seen = postings_seen_.fetch_add(1) + 1;
  if (TakeOne(drop_before_booking_)) return PostingFault::kDropBeforeBooking;
  if (TakeOne(drop_after_booking_)) return PostingFault::kDropAfterBooking;
  if (const int every = drop_every_.load(); every > 0 && seen % every == 0) {
    return PostingFault::kDropAfterBooking;
  }
  if (TakeOne(never_answer_)) return PostingFault::kNeverAnswer;
  if (TakeOne(answer_twice_)) return PostingFault::kAnswerTwice;
  return PostingFault::kNone;
}

core::Status Faults::Apply(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) return Bad("faults must be a JSON object");
  const auto flags = FlagsOf(*this);
  const auto counts = CountsOf(*this);
  // Checked first, applied after, so a bad member changes nothing.
  for (const auto& member : doc.GetObject()) {
    const std::string_view name(member.name.GetString(), member.name.GetStringLength());
    if (flags.contains(name)) {
      if (!member.value.IsBool()) return Bad(std::string(name) + " must be true or false");
    } else if (counts.contains(name)) {
      if (!member.value.IsInt() || member.value.GetInt() < 0 || member.value.GetInt() > kMaxCount) {
        return Bad(std::string(name) + " must be a whole number 0..100000000");
      }
    } else {
      return Bad("unknown fault " + std::string(name));
    }
  }
  for (const auto& member : doc.GetObject()) {
    const std::string_view name(member.name.GetString(), member.name.GetStringLength());
    if (auto flag = flags.find(name); flag != flags.end())
      flag->second->store(member.value.GetBool());
    if (auto count = counts.find(name); count != counts.end()) {
      count->second->store(member.value.GetInt());
    }
  }
  return core::Ok();
}

std::string Faults::ToJson() const {
  rapidjson::StringBuffer buffer;
  core::json::Writer w(buffer);
  w.StartObject();
  for (const auto& [name, value] : FlagsOf(*this)) {
    core::json::Key(w, name);
    w.Bool(value->load());
  }
  for (const auto& [name, value] : CountsOf(*this)) {
    core::json::Key(w, name);
    w.Int(value->load());
  }
  w.EndObject();
  return core::json::Text(buffer);
}

}  // namespace chansync::fiassim
