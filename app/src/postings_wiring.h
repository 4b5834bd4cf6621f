#pragma once

#include <memory>
#include <thread>
#include <vector>

#include "chansync/core/clock.h"
#include "chansync/core/error.h"
#include "chansync/fias_pms/fias_folio_pms_directory.h"
#include "chansync/fias_pms/redis_fias_outbox.h"
#include "chansync/fias_pms/redis_fias_sequences.h"
#include "chansync/linking/property_store.h"
#include "chansync/pms/curl_folio_pms_directory.h"
#include "chansync/postings/cached_posting_sources.h"
#include "chansync/postings/end_of_day_scheduler.h"
#include "chansync/postings/posting_hub.h"
#include "chansync/postings/posting_properties.h"
#include "chansync/postings/posting_worker.h"
#include "chansync/postings/redis_end_of_day_store.h"
#include "chansync/postings/redis_posting_log.h"
#include "chansync/postings/redis_posting_setup_store.h"
#include "chansync/queue/redis_work_queue.h"
#include "chansync/redis/redis.h"
#include "serve_config.h"

namespace chansync::app {

// The property registry as the postings hub reads it.
class StorePostingProperties final : public postings::PostingProperties {
 public:
  explicit StorePostingProperties(linking::PropertyStore& store) : store_(store) {}
  core::Result<core::Property> Get(const core::PropertyId& property) override {
    return store_.GetProperty(property);
  }
  core::Result<std::vector<core::Property>> List() override { return store_.ListProperties(); }

 private:
  linking::PropertyStore& store_;
};

// The postings side of `chansync serve`: its own work queue (stream "post", sharded by
// property), the posting log, set-up and end-of-day stores on Redis, the folio PMS clients, the
// hub the front ends call, and what runs: the workers and the end-of-day loop.
struct PostingsWiring {
  // STORE_UNAVAILABLE when the queue's consumer groups cannot be made.
  static core::Result<std::unique_ptr<PostingsWiring>> Build(const ServeConfig& config,
                                                             redis::RedisPool& redis,
                                                             linking::PropertyStore& properties,
                                                             const core::Clock& clock);

  // Starts the link of every FIAS property now rather than at its first posting, so postings
  // left unanswered by the last run are resolved and the relay status shows from the start.
  void StartFiasLinks();

  // The workers and the end-of-day loop; they stop (and join) when the vector is cleared: a
  // batch in flight is recorded and settled first.
  std::vector<std::jthread> Start(const std::string& consumer_stem);

  const core::Clock* clock = nullptr;
  int workers = 0;
  std::unique_ptr<queue::RedisWorkQueue> queue;
  std::unique_ptr<postings::RedisPostingLog> log;
  std::unique_ptr<postings::RedisPostingSetupStore> setups;
  std::unique_ptr<postings::RedisEndOfDayStore> end_of_days;
  std::unique_ptr<StorePostingProperties> properties;
  // What the hub, the workers and the end of day read: the two above, kept for a second.
  std::unique_ptr<postings::CachedPostingSetupStore> cached_setups;
  std::unique_ptr<postings::CachedPostingProperties> cached_properties;
  std::unique_ptr<pms::CurlFolioPmsDirectory> http_pms;
  // FIAS properties' P#s and unanswered postings (docs/fias.md).
  std::unique_ptr<fias_pms::RedisFiasSequences> fias_sequences;
  std::unique_ptr<fias_pms::RedisFiasOutbox> fias_outbox;
  // The folio PMS of every property: its FIAS link, or `http_pms`.
  std::unique_ptr<fias_pms::FiasFolioPmsDirectory> pms;
  std::unique_ptr<postings::PostingHub> hub;
  std::unique_ptr<postings::EndOfDayScheduler> end_of_day;
};

}  // namespace chansync::app
