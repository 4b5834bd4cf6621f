#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "chansync/channel/work_item.h"
#include "chansync/core/testing/fake_clock.h"
#include "chansync/integration/check_store.h"
#include "chansync/integration/integration_log.h"
#include "chansync/integration/integration_worker.h"
#include "chansync/integration/testing/in_memory_check_store.h"
#include "chansync/linking/link_registry.h"
#include "chansync/linking/testing/in_memory_link_store.h"
#include "chansync/linking/testing/in_memory_property_store.h"
#include "chansync/pms/testing/fake_pms.h"
#include "chansync/pms/testing/in_memory_pms_directory.h"
#include "chansync/queue/testing/in_memory_work_queue.h"

// The worker's unit-test fixture: one property "riviera" sold on channel "sh", in-memory stores
// and queue, a FakePms, a fake clock.
namespace chansync::integration::worker_fixture {

using namespace std::chrono_literals;

// Just enough of an integration log to observe the worker; the real ones have their own tests.
class MapIntegrationLog final : public IntegrationLog {
 public:
  core::Status Put(const std::vector<IntegrationRecord>& records, std::string_view) override {
    std::lock_guard lock(mutex_);
    for (const auto& r : records) records_[r.id()] = r;
    return core::Ok();
  }
  core::Result<std::optional<IntegrationRecord>> Get(const IntegrationKey& key) override {
    auto many = GetMany({key});
    return std::move(many->front());
  }
  core::Result<std::vector<std::optional<IntegrationRecord>>> GetMany(
      const std::vector<IntegrationKey>& keys) override {
    std::lock_guard lock(mutex_);
    std::vector<std::optional<IntegrationRecord>> out;
    for (const auto& k : keys) {
      auto it = records_.find(k.property + "/" + k.channel + "/" + k.channel_reservation_id);
      out.push_back(it == records_.end() ? std::nullopt : std::optional(it->second));
    }
    return out;
  }
  core::Result<std::vector<IntegrationRecord>> List(const IntegrationQuery&) override {
    return core::Fail(core::ErrorCode::kInternal, "not used by the worker");
  }
  core::Status Replace(const IntegrationRecord&, core::Timestamp) override {
    return core::Fail(core::ErrorCode::kInternal, "not used by the worker");
  }
  // As a store that lost its last writes would.
  void Forget(const std::string& id) {
    std::lock_guard lock(mutex_);
    records_.erase(id);
  }
  IntegrationRecord At(const std::string& id) {
    std::lock_guard lock(mutex_);
    return records_.at(id);
  }

 private:
  std::mutex mutex_;
  std::map<std::string, IntegrationRecord> records_;
};

class IntegrationWorkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(properties_.CreateChannel({"sh", "SecureHoliday", ""}));
    AddProperty("riviera");
  }

  // A property with the same catalog and links as riviera, in the store and in the PMS.
  void AddProperty(const std::string& id) {
    core::Property property{.id = id, .name = "Camping " + id, .timezone = "Europe/Paris"};
    property.pms.endpoint = "http://127.0.0.1:1";
    ASSERT_TRUE(properties_.CreateProperty(property));
    ASSERT_TRUE(
        registry_.SetPmsCatalog(id, {.products = {{"mh-4p", "MH 4", 2}, {"chalet", "Chalet", 1}},
                                     .options = {{"linen", "Linen"}, {"pet", "Pet"}}}));
    ASSERT_TRUE(registry_.SetChannelProducts(
        id, "sh",
        {{"SH-MH4", "MH4", {{"SH-LINGE", "Linge"}, {"SH-ANIMAL", "Animal"}}},
         {"SH-CHALET", "Chalet", {}}}));
    ASSERT_TRUE(registry_.LinkProduct(id, "sh", "SH-MH4", "mh-4p"));
    ASSERT_TRUE(registry_.LinkOption(id, "sh", "SH-MH4", "SH-LINGE", "linen"));
    ASSERT_TRUE(
        fake_pms_.book().AddProperty({.id = id,
                                      .name = "Camping " + id,
                                      .products = {{"mh-4p", "MH 4", 2}, {"chalet", "Chalet", 1}},
                                      .options = {{"linen", "Linen"}, {"pet", "Pet"}}}));
  }

  core::Reservation Reservation(const std::string& id, int64_t revision = 1) {
    core::Reservation r;
    r.channel = "sh";
    r.channel_reservation_id = id;
    r.property = "riviera";
    r.sold_at = clock_.Now();
    r.stay = {*core::CivilDate::Parse("2026-09-01"), *core::CivilDate::Parse("2026-09-08")};
    r.guest_name = "Jeanne Martin";
    r.product = "SH-MH4";
    r.options = {{"SH-LINGE", 2}};
    r.price = {84900, "EUR"};
    r.revision = revision;
    return r;
  }

  void Push(const core::Reservation& r, bool forced = false, bool overbooking = false) {
    channel::WorkItem item{r, clock_.Now(), forced, overbooking};
    ASSERT_TRUE(queue_.Enqueue(r.property, channel::WorkItemToJson(item)));
  }

  size_t Drain() { return DrainWith(worker_); }
  size_t DrainWith(IntegrationWorker& worker) {
    size_t total = 0;
    for (int i = 0; i < 20; ++i) {
      auto n = worker.RunOnce();
      EXPECT_TRUE(n.has_value()) << n.error().ToString();
      if (!n || *n == 0) break;
      total += *n;
    }
    return total;
  }

  IntegrationRecord Record(const std::string& id) { return log_.At("riviera/sh/" + id); }

  void SetGateway(std::function<void(core::Property&)> change) {
    auto p = properties_.GetProperty("riviera");
    ASSERT_TRUE(p);
    change(*p);
    ASSERT_TRUE(properties_.UpdateProperty(*p));
  }

  core::testing::FakeClock clock_{
      std::chrono::system_clock::time_point(std::chrono::seconds(1'780'000'000))};
  queue::testing::InMemoryWorkQueue queue_{clock_};
  linking::testing::InMemoryPropertyStore properties_;
  linking::testing::InMemoryLinkStore links_;
  linking::LinkRegistry registry_{properties_, links_};
  pms::testing::FakePms fake_pms_;
  pms::testing::InMemoryPmsDirectory directory_{fake_pms_};
  MapIntegrationLog log_;
  testing::InMemoryCheckStore checks_;
  IntegrationWorker worker_{
      queue_,    properties_,
      registry_, directory_,
      log_,      checks_,
      clock_,    IntegrationWorkerOptions{.block = 0ms, .max_pms_attempts = 3}};
};

}  // namespace chansync::integration::worker_fixture
