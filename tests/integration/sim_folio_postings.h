#pragma once

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "chansync/test/pmssim.h"

// What a real pmssim booked on a folio, read from its admin endpoint, for the tests that follow
// postings into the PMS.
namespace chansync::test {

// A posting as pmssim booked it.
struct BookedPosting {
  std::string key;  // the idempotency key: chansync's posting id
  std::string kind;
  int64_t amount = 0;
  std::string date;
  std::string code;  // the selector of a payment, the transaction code of a charge

  friend bool operator==(const BookedPosting&, const BookedPosting&) = default;
};

inline std::ostream& operator<<(std::ostream& out, const BookedPosting& b) {
  return out << b.key << " " << b.kind << " " << b.amount << " " << b.date << " " << b.code;
}

// The postings booked on `folio` of `property`, in the order pmssim booked them.
inline std::vector<BookedPosting> BookedOn(const PmsSimProcess& sim, const std::string& property,
                                           const std::string& folio) {
  const std::string body =
      sim.Call("/admin/properties/" + property + "/folios/" + folio + "/postings");
  rapidjson::Document doc;
  doc.Parse(body.c_str());
  EXPECT_TRUE(doc.IsObject() && doc.HasMember("postings")) << body;
  std::vector<BookedPosting> booked;
  if (!doc.IsObject() || !doc.HasMember("postings")) return booked;
  for (const auto& entry : doc["postings"].GetArray()) {
    const auto& request = entry["request"];
    const bool charge = std::string(request["kind"].GetString()) == "charge";
    booked.push_back({entry["idempotency_key"].GetString(), request["kind"].GetString(),
                      request["amount"]["amount"].GetInt64(), request["business_date"].GetString(),
                      request[charge ? "transaction_code" : "payment_selector"].GetString()});
  }
  return booked;
}

}  // namespace chansync::test
