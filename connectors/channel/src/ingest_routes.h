#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "chansync/channel/http_exchange.h"
#include "chansync/channel/http_ingest_server.h"
#include "chansync/channel/ingest_authorizer.h"
#include "task_threads.h"

namespace chansync::channel {

class AvailabilityChecks;
class Ingestor;

// The ingest API's request handling, free of any transport: route, authorize, check the
// Content-Type, then hand the work to the Ingestor or the AvailabilityChecks and turn the result
// into an answer (the contract is HttpIngestServer's). Handle never blocks: a single push is
// answered from Ingestor::PushAsync's completion, batches and availability checks from
// `waiting_work`, and so is a request whose authorization needs a store read (a key or pairing
// the authorizer does not hold). Thread-safe; everything given must outlive it.
class IngestRoutes {
 public:
  IngestRoutes(Ingestor& ingestor, AvailabilityChecks* checks, size_t max_batch_items,
               const IngestAuthorizer& authorize, TaskThreads& waiting_work);

  void Handle(HttpRequest request, HttpReply reply) const;

 private:
  // Handle's work, asking the authorizer `wait`: kAtOnce on an event thread, kMayWait on
  // `waiting_work`, where a request goes when its verdict needs a store read.
  void Serve(HttpRequest request, HttpReply reply, AuthorizeWait wait) const;
  void PushOne(HttpRequest request, std::string channel, HttpReply reply, AuthorizeWait wait) const;
  HttpAnswer PushBatch(const HttpRequest& request, const std::string& channel) const;
  HttpAnswer CheckAvailability(const HttpRequest& request, const std::string& channel) const;
  // The authorizer's verdict (nullopt: not known at once); Ok when no authorizer is set.
  std::optional<core::Status> Authorize(const HttpRequest& request, IngestRoute route,
                                        std::string_view channel,
                                        std::optional<std::string_view> property,
                                        AuthorizeWait wait) const;
  // The verdict on one item (a reservation, a check) for `property`, on a thread that may wait.
  core::Status AuthorizeItem(const HttpRequest& request, IngestRoute route,
                             const std::string& channel, std::string_view property) const;

  Ingestor& ingestor_;
  AvailabilityChecks* checks_;
  const size_t max_batch_items_;
  const IngestAuthorizer& authorize_;
  TaskThreads& waiting_work_;
};

}  // namespace chansync::channel
