#include "census.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "chansync/test/process.h"

namespace chansync::test::reliability {

size_t PmsCensus::Duplicates() const {
  size_t duplicates = 0;
  for (const auto& [ref, holdings] : held) duplicates += holdings.size() - 1;
  return duplicates;
}

const PmsHolding* PmsCensus::Find(const ReservationRef& ref) const {
  const auto it = held.find(ref);
  return it == held.end() ? nullptr : &it->second.front();
}

PmsCensus TakePmsCensus(const PmsSimProcess& pms) {
  PmsCensus census;
  rapidjson::Document list;
  list.Parse(pms.Call("/v1/properties/riviera/reservations").c_str());
  EXPECT_TRUE(list.IsObject() && list.HasMember("reservations"));
  if (!list.IsObject() || !list.HasMember("reservations")) return census;
  for (const auto& r : list["reservations"].GetArray()) {
    census.held[{r["channel"].GetString(), r["channel_reservation_id"].GetString()}].push_back(
        {r["id"].GetString(), r["status"].GetString(), r["stay"]["departure"].GetString()});
    ++census.reservations;
  }
  rapidjson::Document stats;
  stats.Parse(pms.Call("/admin/stats").c_str());
  census.creates = stats["creates"].GetInt64();
  census.overbookings = stats["overbookings"].GetInt64();
  return census;
}

std::vector<std::optional<integration::IntegrationRecord>> ReadLog(
    integration::IntegrationLog& log, const std::vector<ReservationRef>& refs) {
  std::vector<integration::IntegrationKey> keys;
  for (const ReservationRef& ref : refs) keys.push_back({"riviera", ref.channel, ref.id});
  auto records = log.GetMany(keys);
  EXPECT_TRUE(records.has_value()) << records.error().ToString();
  return records ? *records
                 : std::vector<std::optional<integration::IntegrationRecord>>(refs.size());
}

bool IsIntegrated(const std::optional<integration::IntegrationRecord>& record) {
  return record && record->status == integration::IntegrationStatus::kIntegrated &&
         !record->pms_reservation_id.empty();
}

bool WaitUntilIntegrated(integration::IntegrationLog& log, const std::vector<ReservationRef>& refs,
                         std::chrono::milliseconds timeout) {
  return WaitUntil(
      [&] {
        for (const auto& record : ReadLog(log, refs)) {
          if (!IsIntegrated(record)) return false;
        }
        return true;
      },
      timeout);
}

void Figures::CountHoldings(
    const PmsCensus& pms, const std::vector<ReservationRef>& refs,
    const std::vector<std::optional<integration::IntegrationRecord>>& records) {
  in_pms = static_cast<int64_t>(pms.held.size());
  duplicates = static_cast<int64_t>(pms.Duplicates());
  in_log = 0;
  lost = 0;
  for (size_t i = 0; i < refs.size(); ++i) {
    in_log += IsIntegrated(records[i]);
    lost += !IsIntegrated(records[i]) && pms.Find(refs[i]) == nullptr;
  }
}

std::string Figures::Line() const {
  return "[ " + scenario + ", run " + std::to_string(run) + " ] pushed " + std::to_string(pushed) +
         ", accepted " + std::to_string(accepted) + ", in the PMS " + std::to_string(in_pms) +
         ", in the log " + std::to_string(in_log) + ", duplicates " + std::to_string(duplicates) +
         ", lost " + std::to_string(lost) + (detail.empty() ? "" : "; " + detail);
}

void ExpectEachOnce(const Figures& figures, int64_t count) {
  EXPECT_EQ(figures.in_log, count) << figures.Line();
  EXPECT_EQ(figures.in_pms, count) << figures.Line();
  EXPECT_EQ(figures.duplicates, 0) << figures.Line();
  EXPECT_EQ(figures.lost, 0) << figures.Line();
}

}  // namespace chansync::test::reliability
