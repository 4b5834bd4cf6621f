#include "postings_wiring.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace chansync::app {

core::Result<std::unique_ptr<PostingsWiring>> PostingsWiring::Build(
    const ServeConfig& config, redis::RedisPool& redis, linking::PropertyStore& properties,
    const core::Clock& clock) {
  auto wiring = std::make_unique<PostingsWiring>();
  wiring->clock = &clock;
  wiring->workers = static_cast<int>(config.posting_workers);
  queue::RedisWorkQueueOptions queue_options;
  queue_options.stream = std::string(redis::KeySpace::kPostingStream);
  queue_options.reclaim_idle = std::chrono::milliseconds(config.reclaim_idle_ms);
  // Outages postpone postings without counting deliveries: only crashes mid-batch count here.
  queue_options.max_deliveries = 10;
  queue_options.blocking_connections = std::max(1, wiring->workers);
  ASSIGN_OR_RETURN(wiring->queue, queue::RedisWorkQueue::Open(redis, clock, queue_options));
  wiring->log = std::make_unique<postings::RedisPostingLog>(redis);
  wiring->setups = std::make_unique<postings::RedisPostingSetupStore>(redis);
  wiring->end_of_days = std::make_unique<postings::RedisEndOfDayStore>(redis);
  wiring->properties = std::make_unique<StorePostingProperties>(properties);
  wiring->cached_setups =
      std::make_unique<postings::CachedPostingSetupStore>(*wiring->setups, clock);
  wiring->cached_properties =
      std::make_unique<postings::CachedPostingProperties>(*wiring->properties, clock);
  wiring->http_pms = std::make_unique<pms::CurlFolioPmsDirectory>(config.tls_ca_file);
  wiring->fias_sequences = std::make_unique<fias_pms::RedisFiasSequences>(redis);
  wiring->fias_outbox = std::make_unique<fias_pms::RedisFiasOutbox>(redis);
  wiring->pms = std::make_unique<fias_pms::FiasFolioPmsDirectory>(
      *wiring->http_pms, *wiring->fias_sequences, *wiring->fias_outbox, clock);
  wiring->hub = std::make_unique<postings::PostingHub>(
      *wiring->queue, *wiring->log, *wiring->cached_setups, *wiring->end_of_days,
      *wiring->cached_properties, *wiring->pms, clock,
      postings::PostingHubOptions{.group_commit = true});
  wiring->end_of_day = std::make_unique<postings::EndOfDayScheduler>(
      *wiring->hub, *wiring->cached_properties, *wiring->cached_setups, *wiring->log, clock);
  return wiring;
}

void PostingsWiring::StartFiasLinks() {
  auto all = properties->List();
  if (!all) return spdlog::warn("FIAS links: {}", all.error().ToString());
  for (const core::Property& property : *all) {
    if (property.pms.kind != core::PmsKind::kFias) continue;
    if (auto started = pms->For(property); !started) {
      spdlog::warn("FIAS link of {}: {}", property.id, started.error().ToString());
      continue;
    }
    spdlog::info("FIAS link of {} to {}", property.id, property.pms.endpoint);
  }
}

std::vector<std::jthread> PostingsWiring::Start(const std::string& consumer_stem) {
  StartFiasLinks();
  std::vector<std::jthread> threads;
  for (int i = 0; i < workers; ++i) {
    postings::PostingWorkerOptions options;
    options.consumer = consumer_stem + "-post-" + std::to_string(i);
    threads.emplace_back([this, options](std::stop_token stop) {
      postings::PostingWorker(*queue, *log, *cached_setups, *cached_properties, *pms, *clock,
                              options)
          .Run(stop);
    });
  }
  threads.emplace_back([this](std::stop_token stop) { end_of_day->Run(stop); });
  return threads;
}

}  // namespace chansync::app
