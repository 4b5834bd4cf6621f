#pragma once

#include <curl/curl.h>
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "chansync/pms/curl_pms_client.h"
#include "chansync/test/process.h"
#include "chansync/test/test_ca.h"

// A pmssim process serving one campsite, and what the PMS client tests build their calls from.
namespace chansync::pms::pms_sim_fixture {

inline constexpr char kData[] = R"({"properties": [{
  "id": "riviera", "name": "Camping Riviera",
  "products": [{"id": "mh-4p", "name": "Mobile home 4 people", "units": 12},
               {"id": "mh-6p", "name": "Mobile home 6 people", "units": 8},
               {"id": "chalet", "name": "Chalet", "units": 4},
               {"id": "pitch", "name": "Pitch", "units": 30}],
  "options": [{"id": "linen", "name": "Bed linen"}, {"id": "pet", "name": "Pet"},
              {"id": "cleaning", "name": "Final cleaning"}, {"id": "baby-kit", "name": "Baby kit"}],
  "reservations": [{"id": "100001RIV", "status": "confirmed", "channel": "direct",
                    "channel_reservation_id": "phone-1", "product": "chalet", "options": [],
                    "stay": {"arrival": "2026-07-04", "departure": "2026-07-11"},
                    "guest_name": "Marie Dupont", "price": {"amount": 98000, "currency": "EUR"}}]
}]})";

inline core::CivilDate Day(const char* text) { return *core::CivilDate::Parse(text); }
inline core::Stay StayOf(const char* arrival, const char* departure) {
  return *core::Stay::Make(Day(arrival), Day(departure));
}

inline size_t Append(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// A pmssim process on a free port, with its own data file.
class PmsSim {
 public:
  explicit PmsSim(std::vector<std::string> extra_flags = {}) : tls_(test::ServesTls(extra_flags)) {
    const std::string data = dir_.path() + "/data.json";
    std::ofstream(data) << kData;
    ready_ = dir_.path() + "/ready";
    std::vector<std::string> argv{test::BuiltBinary("tools/pmssim/pmssim"),
                                  "--data",
                                  data,
                                  "--listen",
                                  "127.0.0.1:0",
                                  "--ready-file",
                                  ready_};
    argv.insert(argv.end(), extra_flags.begin(), extra_flags.end());
    process_ = test::ChildProcess(argv, dir_.path() + "/pmssim.log");
    const bool ready = test::WaitUntil([&] {
      std::ifstream in(ready_);
      return static_cast<bool>(in >> port_);
    });
    if (!ready) ADD_FAILURE() << "pmssim did not become ready";
  }

  std::string base_url() const {
    return (tls_ ? "https" : "http") + std::string("://127.0.0.1:") + std::to_string(port_);
  }
  int Stop() { return process_.Stop(); }

  // POSTs (or GETs when body is empty) an admin endpoint; returns the answer body.
  std::string Admin(const std::string& path, const std::string& body = {}) {
    CURL* curl = curl_easy_init();
    std::string answer;
    const std::string url = base_url() + path;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    if (!body.empty()) curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Append);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 5000L);
    const CURLcode code = curl_easy_perform(curl);
    curl_easy_cleanup(curl);
    EXPECT_EQ(code, CURLE_OK) << curl_easy_strerror(code);
    return answer;
  }

  std::unique_ptr<CurlPmsClient> Client(CurlPmsClientOptions options = {}) {
    options.base_url = base_url();
    auto client = CurlPmsClient::Make(options);
    EXPECT_TRUE(client.has_value());
    return std::move(*client);
  }

 private:
  bool tls_;
  test::TempDir dir_;
  std::string ready_;
  int port_ = 0;
  test::ChildProcess process_;
};

inline CreateReservationRequest Booking(std::string key, const char* product, core::Stay stay) {
  CreateReservationRequest request;
  request.idempotency_key = key;
  request.channel = "booking";
  request.channel_reservation_id = "B-" + key;
  request.product = product;
  request.options = {{"linen", 2}, {"pet", 1}};
  request.stay = stay;
  request.guest_name = "Jan de Vries";
  request.price = *core::Money::Make(74500, "EUR");
  return request;
}

}  // namespace chansync::pms::pms_sim_fixture
