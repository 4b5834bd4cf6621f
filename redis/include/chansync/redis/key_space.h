#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "chansync/core/error.h"

namespace chansync::redis {

// The keys of one property. Every key starts with "<prefix>:{p:<property>}:", so all of them
// share one hash tag and live on one Redis Cluster slot: a script or transaction may touch any
// of them together. Ids are not checked here; adapters validate them (core::ValidateId allows no
// brace, colon or space) before building keys from them. Cheap to copy.
class PropertyKeys {
 public:
  const std::string& hash_tag() const { return hash_tag_; }  // "{p:<property>}"

  std::string Links() const;            // hash: links and their version
  std::string ChannelProducts() const;  // hash: channel id -> that channel's products
  std::string PmsCatalog() const;       // string
  // String: one integration record, "<class>\n<months>\n<record JSON>".
  std::string IntegrationRecord(std::string_view channel, std::string_view reservation) const;
  // Sorted set: the records of one month index and class. `month` is a record header's month
  // token, "sale:YYYY-MM" or "stay:YYYY-MM"; `index_class` is "succeeded", "failed" or "pending".
  std::string IntegrationIndex(std::string_view month, std::string_view index_class) const;
  std::string Check(std::string_view check_id) const;  // string: one answered availability check
  std::string Plan(std::string_view channel, std::string_view product) const;  // string
  std::string RefreshStatus() const;   // hash: the last planning refresh
  std::string RefreshLease() const;    // string: the instance running the nightly refresh
  std::string NightlyRefresh() const;  // hash: `done` date and `retry_at` of the nightly refresh
  // String: one posting's record (JSON), by posting id ("<pos>:<ticket>:<line>[:void]").
  std::string PostingRecord(std::string_view posting_id) const;
  // List: the posting ids of one business date ("YYYY-MM-DD"), in order of acceptance.
  std::string PostingDay(std::string_view business_date) const;
  // List: the posting ids of one ticket of a point of sale, in order of acceptance.
  std::string PostingTicket(std::string_view pos, std::string_view ticket) const;
  std::string PostingSetup() const;  // string: the posting set-up (JSON)
  // String: the end of day of one business date (JSON), written once.
  std::string EndOfDay(std::string_view business_date) const;
  // Hash: posting idempotency key -> its FIAS posting sequence number (P#), allocated once.
  std::string FiasSequences() const;
  // String: the last FIAS posting sequence number allocated (INCR).
  std::string FiasLastSequence() const;
  // Hash: P# -> a FIAS posting recorded before it was sent and not yet answered.
  std::string FiasOutbox() const;

 private:
  friend class KeySpace;
  PropertyKeys(std::string_view prefix, std::string_view property);
  std::string Key(std::initializer_list<std::string_view> parts) const;

  std::string hash_tag_;
  std::string base_;  // "<prefix>:{p:<property>}:"
};

// The keys of one shard of a work queue: "<prefix>:{q:<shard>}:<stream>" and the keys beside it,
// all under the hash tag {q:<shard>}, so every queue script touches one slot.
class ShardKeys {
 public:
  const std::string& Stream() const { return stream_; }  // stream with the consumer group
  std::string Delayed() const;                           // sorted set of retries by due time
  std::string DeadLetters() const;                       // stream of dead letters

 private:
  friend class KeySpace;
  ShardKeys(std::string_view prefix, int shard, std::string_view stream);

  std::string stream_;
};

// The one place that names Redis keys. Every key of chansync starts with the prefix ("cs" by
// default, so data stored before key spaces existed stays readable); two key spaces with
// different prefixes share nothing on one server, which lets tests and several deployments use
// one Redis. Cheap to copy, immutable, thread-safe.
class KeySpace {
 public:
  static constexpr std::string_view kDefaultPrefix = "cs";
  static constexpr std::string_view kReservationStream = "resv";
  static constexpr std::string_view kPostingStream = "post";

  KeySpace() : prefix_(kDefaultPrefix) {}
  // INVALID_ARGUMENT when `prefix` is empty or holds '{' or '}': a brace would make Redis hash
  // every key on the prefix instead of the property's or shard's tag.
  static core::Result<KeySpace> WithPrefix(std::string prefix);

  const std::string& prefix() const { return prefix_; }
  std::string Properties() const;  // hash: property id -> property
  std::string Channels() const;    // hash: channel id -> channel
  std::string ApiKeys() const;     // hash: API key id -> key record (JSON, hashed secret)
  // Stream: the audit log of one month, "YYYY-MM" (UTC), capped by its writer.
  std::string AuditMonth(std::string_view month) const;
  PropertyKeys Property(std::string_view property) const { return {prefix_, property}; }
  ShardKeys Shard(int shard, std::string_view stream = kReservationStream) const {
    return {prefix_, shard, stream};
  }

  friend bool operator==(const KeySpace&, const KeySpace&) = default;

 private:
  explicit KeySpace(std::string prefix) : prefix_(std::move(prefix)) {}

  std::string prefix_;
};

}  // namespace chansync::redis
