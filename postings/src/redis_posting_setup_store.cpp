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

}  // namespace chansync::postings
