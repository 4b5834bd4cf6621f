#include "chansync/postings/redis_posting_setup_store.h"

#include "chansync/redis/redis.h"
#include "posting_json.h"

namespace chansync::postings {

RedisPostingSetupStore::RedisPostingSetupStore(redis::RedisPool& pool, redis::KeySpace keys)
    : pool_(pool), keys_(std::move(keys)) {}

core::Result<PostingSetup> RedisPostingSetupStore::Get(const core::PropertyId& property) const {
  ASSIGN_OR_RETURN(auto reply, pool_.Command({"GET", keys_.Property(property).PostingSetup()}));
  ASSIGN_OR_RETURN(const std::optional<std::string_view> stored, reply.StringOrNil());
  if (!stored) return PostingSetup{};
  return json::DecodeSetup(*stored);
}

core::Status RedisPostingSetupStore::Put(const core::PropertyId& property,
                                         const PostingSetup& setup) {
  RETURN_IF_ERROR(ValidatePostingSetup(setup));
  ASSIGN_OR_RETURN(auto reply, pool_.Command({"SET", keys_.Property(property).PostingSetup(),
                                              json::EncodeSetup(setup)}));
  return reply.CheckNotError();
}

namespace {

std::unexpected<core::Error> Changed(const core::PropertyId& property) {
  return core::Fail(core::ErrorCode::kConflict,
                    "the posting set-up of " + property +
                        " was changed meanwhile; read it again and apply the change to it");
}

core::Result<PostingSetup> StoredOrDefault(const redis::RedisReply& reply) {
  ASSIGN_OR_RETURN(const std::optional<std::string_view> stored, reply.StringOrNil());
  if (!stored) return PostingSetup{};
  return json::DecodeSetup(*stored);
}

}  // namespace

core::Status RedisPostingSetupStore::Replace(const core::PropertyId& property,
                                             const PostingSetup& expected,
                                             const PostingSetup& setup) {
  RETURN_IF_ERROR(ValidatePostingSetup(setup));
  const std::string key = keys_.Property(property).PostingSetup();
  ASSIGN_OR_RETURN(auto lease, pool_.Acquire());
  ASSIGN_OR_RETURN(auto read, lease->Pipeline({{"WATCH", key}, {"GET", key}}));
  RETURN_IF_ERROR(read[0].CheckNotError());
  auto current = StoredOrDefault(read[1]);
  if (!current || *current != expected) {
    // The connection goes back to the pool: it must not stay watching.
    RETURN_IF_ERROR(lease->Command({"UNWATCH"}));
    if (!current) return std::unexpected(current.error());
    return Changed(property);
  }
  ASSIGN_OR_RETURN(auto written,
                   lease->Pipeline({{"MULTI"}, {"SET", key, json::EncodeSetup(setup)}, {"EXEC"}}));
  ASSIGN_OR_RETURN(const auto applied, written[2].ArrayOrNil());
  if (applied.empty()) return Changed(property);  // EXEC aborted: written since the read
  return applied[0].CheckNotError();
}

}  // namespace chansync::postings
