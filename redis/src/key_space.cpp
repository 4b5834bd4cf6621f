#include "chansync/redis/key_space.h"

namespace chansync::redis {
namespace {

std::string Join(std::initializer_list<std::string_view> parts) {
  size_t size = 0;
  for (std::string_view part : parts) size += part.size();
  std::string out;
  out.reserve(size);
  for (std::string_view part : parts) out.append(part);
  return out;
}

}  // namespace

PropertyKeys::PropertyKeys(std::string_view prefix, std::string_view property)
    : hash_tag_(Join({"{p:", property, "}"})), base_(Join({prefix, ":", hash_tag_, ":"})) {}

std::string PropertyKeys::Key(std::initializer_list<std::string_view> parts) const {
  std::string out = base_;
  for (std::string_view part : parts) out.append(part);
  return out;
}

std::string PropertyKeys::Links() const { return Key({"links"}); }
std::string PropertyKeys::ChannelProducts() const { return Key({"channel_products"}); }
std::string PropertyKeys::PmsCatalog() const { return Key({"pms_catalog"}); }

std::string PropertyKeys::IntegrationRecord(std::string_view channel,
                                            std::string_view reservation) const {
  return Key({"integ:", channel, ":", reservation});
}

std::string PropertyKeys::IntegrationIndex(std::string_view month,
                                           std::string_view index_class) const {
  return Key({"integ:", month, ":", index_class});
}

std::string PropertyKeys::Check(std::string_view check_id) const {
  return Key({"check:", check_id});
}

std::string PropertyKeys::Plan(std::string_view channel, std::string_view product) const {
  return Key({"plan:", channel, ":", product});
}

std::string PropertyKeys::RefreshStatus() const { return Key({"refresh:status"}); }
std::string PropertyKeys::RefreshLease() const { return Key({"refresh:lease"}); }
std::string PropertyKeys::NightlyRefresh() const { return Key({"refresh:nightly"}); }

std::string PropertyKeys::PostingRecord(std::string_view posting_id) const {
  return Key({"post:rec:", posting_id});
}

std::string PropertyKeys::PostingDay(std::string_view business_date) const {
  return Key({"post:day:", business_date});
}

std::string PropertyKeys::PostingTicket(std::string_view pos, std::string_view ticket) const {
  return Key({"post:ticket:", pos, ":", ticket});
}

std::string PropertyKeys::PostingSetup() const { return Key({"post:setup"}); }

std::string PropertyKeys::FiasSequences() const { return Key({"fias:seq"}); }

std::string PropertyKeys::FiasLastSequence() const { return Key({"fias:seq:last"}); }

std::string PropertyKeys::FiasOutbox() const { return Key({"fias:outbox"}); }

std::string PropertyKeys::EndOfDay(std::string_view business_date) const {
  return Key({"post:eod:", business_date});
}

ShardKeys::ShardKeys(std::string_view prefix, int shard, std::string_view stream)
    : stream_(Join({prefix, ":{q:", std::to_string(shard), "}:", stream})) {}

std::string ShardKeys::Delayed() const { return stream_ + ":delayed"; }
std::string ShardKeys::DeadLetters() const { return stream_ + ":dead"; }

core::Result<KeySpace> KeySpace::WithPrefix(std::string prefix) {
  if (prefix.empty()) return core::Fail(core::ErrorCode::kInvalidArgument, "key prefix is empty");
  if (prefix.find_first_of("{}") != std::string::npos) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "key prefix \"" + prefix +
                          "\" must not contain '{' or '}' (the hash tag follows the prefix)");
  }
  return KeySpace(std::move(prefix));
}

std::string KeySpace::Properties() const { return prefix_ + ":properties"; }
std::string KeySpace::Channels() const { return prefix_ + ":channels"; }
std::string KeySpace::ApiKeys() const { return prefix_ + ":auth:keys"; }
std::string KeySpace::AuditMonth(std::string_view month) const {
  return prefix_ + ":audit:" + std::string(month);
}

}  // namespace chansync::redis
