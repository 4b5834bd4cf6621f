#include <rapidjson/document.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "chansync/core/reservation_json.h"
#include "commands.h"
#include "postings_workload.h"
#include "stats.h"
#include "till_traffic.h"

namespace chansync::loadgen {
namespace {

// Milliseconds from acceptance to the PMS's booking of every posted posting of the day report
// whose ticket belongs to `run`.
std::vector<double> TillToPmsMillis(const std::string& report, const std::string& run) {
  std::vector<double> millis;
  rapidjson::Document document;
  document.Parse(report.c_str(), report.size());
  if (!document.IsObject() || !document.HasMember("postings")) return millis;
  for (const auto& record : document["postings"].GetArray()) {
    const std::string_view ticket = record["source"]["ticket_id"].GetString();
    if (!ticket.starts_with(run + "-") || record["state"] != "posted") continue;
    auto accepted = core::ParseTimestamp(record["accepted_at"].GetString());
    auto posted = core::ParseTimestamp(record["updated_at"].GetString());
    if (!accepted || !posted) continue;
    millis.push_back(std::chrono::duration<double, std::milli>(*posted - *accepted).count());
  }
  return millis;
}

}  // namespace

// Charges at a steady --rate (postings/s, shared by the tills) for --seconds, then waits until
// pmssim has booked them and reads their acceptance → booking times from the day's report: the
// latency a till's charge sees under a steady load, not a backlog.
int PostingsLatency(const Flags& flags) {
  const PostingsShape shape = PostingsShapeFrom(flags);
  const std::string run = flags.Get("run", "postings-latency");
  const BookedCounter booked_count(flags);
  const double rate = std::max<double>(1, static_cast<double>(flags.GetInt("rate", 1000)));
  const auto count = static_cast<int64_t>(rate * static_cast<double>(flags.GetInt("seconds", 5)));
  const int64_t booked_before = booked_count();
  std::atomic<int64_t> next{0}, accepted{0};
  std::mutex mutex;
  std::string first_error, business_date;
  const auto start = std::chrono::steady_clock::now();
  {
    std::vector<std::jthread> tills;
    for (int t = 0; t < shape.tills; ++t) {
      tills.emplace_back([&] {
        TillConnection till(flags);
        for (int64_t s = next++; s < count; s = next++) {
          std::this_thread::sleep_until(start + std::chrono::duration<double>(s / rate));
          std::string date;
          const std::string outcome = till.Submit(MakeCharge(shape, run, s, {}), &date);
          std::lock_guard lock(mutex);
          if (outcome.empty()) {
            ++accepted;
            business_date = date;
          } else if (first_error.empty()) {
            first_error = outcome;
          }
        }
      });
    }
  }
  const double submit_seconds = SecondsSince(start);
  const BookedProgress done =
      WaitUntilBooked(booked_count, booked_before + accepted, start, submit_seconds + 60, 10);
  TillConnection reader(flags);
  const auto report =
      reader.Get("/v1/properties/" + shape.property + "/postings?day=" + business_date);
  std::vector<double> millis = report ? TillToPmsMillis(*report, run) : std::vector<double>{};
  JsonLine("postings-latency")
      .Number("rate", rate)
      .Number("accepted", static_cast<double>(accepted))
      .Number("achieved_per_s", static_cast<double>(accepted) / submit_seconds)
      .Number("booked", static_cast<double>(done.booked - booked_before))
      .Number("measured", static_cast<double>(millis.size()))
      .Number("p50_ms", Quantile(millis, 0.50))
      .Number("p99_ms", Quantile(millis, 0.99))
      .Number("max_ms", Quantile(millis, 1.0))
      .Text("first_error", first_error)
      .Print();
  return !millis.empty() && static_cast<int64_t>(millis.size()) == accepted ? 0 : 1;
}

}  // namespace chansync::loadgen
