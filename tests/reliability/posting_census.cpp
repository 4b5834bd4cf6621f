#include "posting_census.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <rapidjson/document.h>

#include <algorithm>

#include "chansync/test/process.h"

namespace chansync::test::reliability {

int64_t FolioCensus::Duplicates() const {
  int64_t duplicates = 0;
  for (const auto& [id, times] : booked) duplicates += times - 1;
  return duplicates;
}

FolioCensus TakeFolioCensus(const PmsSimProcess& pms, const std::string& property) {
  FolioCensus census;
  rapidjson::Document folios;
  folios.Parse(pms.Call("/v1/properties/" + property + "/folios").c_str());
  EXPECT_TRUE(folios.IsObject() && folios.HasMember("folios"));
  if (!folios.IsObject() || !folios.HasMember("folios")) return census;
  const std::string key_prefix = property + ":";
  for (const auto& folio : folios["folios"].GetArray()) {
    const std::string id = folio["id"].GetString();
    census.balances[id] = folio["balance"]["amount"].GetInt64();
    rapidjson::Document booked;
    booked.Parse(pms.Call("/admin/properties/" + property + "/folios/" + id + "/postings").c_str());
    EXPECT_TRUE(booked.IsObject() && booked.HasMember("postings")) << id;
    if (!booked.IsObject() || !booked.HasMember("postings")) continue;
    for (const auto& posting : booked["postings"].GetArray()) {
      std::string key = posting["idempotency_key"].GetString();
      if (key.starts_with(key_prefix)) key.erase(0, key_prefix.size());
      ++census.booked[key];
    }
  }
  rapidjson::Document stats;
  stats.Parse(pms.Call("/admin/stats").c_str());
  census.postings = stats["postings"].GetInt64();
  census.replays = stats["posting_replays"].GetInt64();
  return census;
}

std::map<std::string, std::string> PostingStates(int http_port, const std::string& key,
                                                 const std::string& property,
                                                 const std::set<std::string>& days) {
  std::map<std::string, std::string> states;
  httplib::Client client("127.0.0.1", http_port);
  client.set_bearer_token_auth(key);
  client.set_read_timeout(10, 0);
  for (const std::string& day : days) {
    auto answer = client.Get("/v1/properties/" + property + "/postings?day=" + day);
    if (!answer || answer->status != 200) return {};
    rapidjson::Document report;
    report.Parse(answer->body.c_str());
    if (!report.IsObject() || !report.HasMember("postings")) return {};
    for (const auto& record : report["postings"].GetArray()) {
      states[record["id"].GetString()] = record["state"].GetString();
    }
  }
  return states;
}

bool WaitUntilSettled(const std::atomic<int>& http_port, const std::string& key,
                      const std::string& property, const std::set<std::string>& days, size_t count,
                      std::chrono::milliseconds timeout) {
  return WaitUntil(
      [&] {
        const auto states = PostingStates(http_port.load(), key, property, days);
        return states.size() == count &&
               std::none_of(states.begin(), states.end(),
                            [](const auto& entry) { return entry.second == "pending"; });
      },
      timeout);
}

}  // namespace chansync::test::reliability
