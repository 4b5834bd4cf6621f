#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "chansync/core/clock.h"
#include "chansync/pms/curl_folio_pms_directory.h"
#include "chansync/postings/posting_hub.h"
#include "chansync/postings/posting_worker.h"
#include "chansync/postings/redis_end_of_day_store.h"
#include "chansync/postings/redis_posting_log.h"
#include "chansync/postings/redis_posting_setup_store.h"
#include "chansync/postings/testing/in_memory_posting_properties.h"
#include "chansync/queue/redis_work_queue.h"
#include "chansync/test/key_space.h"
#include "chansync/test/pmssim.h"
#include "chansync/test/redis_server.h"

// The postings hub wired as `chansync serve` wires it, on a real redis-server (one per suite,
// keys prefixed per test) and a real pmssim serving `sim_data`, whose property "lodge" (Paris)
// is the one the tests post to.
namespace chansync::postings {

class PostingsRedisTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new test::RedisServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  explicit PostingsRedisTest(const std::string& sim_data, const PostingSetup& setup)
      : sim_(sim_data) {
    core::Property lodge;
    lodge.id = "lodge";
    lodge.name = "Lodge";
    lodge.timezone = "Europe/Paris";
    lodge.pms.endpoint = sim_.base_url();
    properties_.Put(lodge);
    EXPECT_TRUE(setups_.Put("lodge", setup));
  }

  std::unique_ptr<queue::RedisWorkQueue> OpenQueue() {
    queue::RedisWorkQueueOptions options;
    options.keys = keys_;
    options.stream = std::string(redis::KeySpace::kPostingStream);
    auto opened = queue::RedisWorkQueue::Open(*pool_, clock_, options);
    EXPECT_TRUE(opened) << opened.error().ToString();
    return opened ? std::move(*opened) : nullptr;
  }

  // `count` PostingWorkers taking postings from the queue until the threads are destroyed.
  std::vector<std::jthread> StartWorkers(int count) {
    std::vector<std::jthread> workers;
    for (int w = 0; w < count; ++w) {
      workers.emplace_back([this, w](std::stop_token stop) {
        PostingWorker(*queue_, log_, setups_, properties_, pms_, clock_,
                      {.consumer = "w" + std::to_string(w)})
            .Run(stop);
      });
    }
    return workers;
  }

  // The lodge's folio balances in pmssim, by folio id.
  std::map<std::string, int64_t> Balances() {
    std::map<std::string, int64_t> balances;
    auto folios = pms_.For(*properties_.Get("lodge")).value()->ListFolios("lodge");
    EXPECT_TRUE(folios) << folios.error().ToString();
    for (const Folio& folio : folios.value_or(std::vector<Folio>{})) {
      balances[folio.id] = folio.balance.minor_units;
    }
    return balances;
  }

  static inline test::RedisServer* server_ = nullptr;
  std::unique_ptr<redis::RedisPool> pool_ = server_->NewPool(16);
  redis::KeySpace keys_ = test::KeySpaceOfCurrentTest();
  test::PmsSimProcess sim_;
  core::SystemClock clock_;
  std::unique_ptr<queue::RedisWorkQueue> queue_ = OpenQueue();
  RedisPostingLog log_{*pool_, keys_};
  RedisPostingSetupStore setups_{*pool_, keys_};
  RedisEndOfDayStore end_of_days_{*pool_, keys_};
  testing::InMemoryPostingProperties properties_;
  pms::CurlFolioPmsDirectory pms_;
  PostingHub hub_{*queue_, log_, setups_, end_of_days_, properties_, pms_, clock_};
};

}  // namespace chansync::postings
