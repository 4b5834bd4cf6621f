#include "chansync/redis/reply.h"

#include "chansync/redis/transient_error.h"

namespace chansync::redis {
namespace {

using Type = RedisReply::Type;

bool IsString(const RedisReply& reply) {
  return reply.type == Type::kString || reply.type == Type::kStatus;
}

std::string Elements(size_t size) {
  return std::to_string(size) + (size == 1 ? " element" : " elements");
}

// Error replies speak for themselves; anything else is a shape this client's caller did not
// expect, which is a bug on one side or the other rather than a transient state.
std::unexpected<core::Error> Unexpected(const RedisReply& reply, std::string_view expected) {
  if (reply.is_error()) {
    return core::Fail(ErrorCodeOfReply(reply.str), "redis: " + reply.str);
  }
  return core::Fail(core::ErrorCode::kInternal,
                    "redis reply: expected " + std::string(expected) + ", got " + reply.Describe());
}

}  // namespace

core::Status RedisReply::CheckNotError() const {
  if (is_error()) return Unexpected(*this, "no error");
  return core::Ok();
}

core::Result<std::string_view> RedisReply::String() const {
  if (!IsString(*this)) return Unexpected(*this, "a string");
  return std::string_view(str);
}

core::Result<std::optional<std::string_view>> RedisReply::StringOrNil() const {
  if (is_nil()) return std::nullopt;
  if (!IsString(*this)) return Unexpected(*this, "a string or nil");
  return std::string_view(str);
}

core::Result<long long> RedisReply::Integer() const {
  if (type != Type::kInteger) return Unexpected(*this, "an integer");
  return integer;
}

core::Result<std::span<const RedisReply>> RedisReply::Array() const {
  if (type != Type::kArray) return Unexpected(*this, "an array");
  return std::span<const RedisReply>(elements);
}

core::Result<std::span<const RedisReply>> RedisReply::Array(size_t size) const {
  if (type != Type::kArray || elements.size() != size) {
    return Unexpected(*this, "an array of " + Elements(size));
  }
  return std::span<const RedisReply>(elements);
}

core::Result<std::span<const RedisReply>> RedisReply::ArrayAtLeast(size_t size) const {
  if (type != Type::kArray || elements.size() < size) {
    return Unexpected(*this, "an array of at least " + Elements(size));
  }
  return std::span<const RedisReply>(elements);
}

core::Result<std::span<const RedisReply>> RedisReply::ArrayOrNil() const {
  if (is_nil()) return std::span<const RedisReply>();
  if (type != Type::kArray) return Unexpected(*this, "an array or nil");
  return std::span<const RedisReply>(elements);
}

core::Result<StringPairs> RedisReply::Pairs() const {
  constexpr std::string_view kExpected = "a flat array of string pairs";
  if (type != Type::kArray || elements.size() % 2 != 0) return Unexpected(*this, kExpected);
  for (size_t i = 0; i < elements.size(); ++i) {
    if (!IsString(elements[i])) {
      return core::Fail(core::ErrorCode::kInternal,
                        "redis reply: expected " + std::string(kExpected) + ", element " +
                            std::to_string(i) + " is " + elements[i].Describe());
    }
  }
  return StringPairs(elements);
}

std::string RedisReply::Describe() const {
  switch (type) {
    case Type::kNil:
      return "nil";
    case Type::kString:
      return "a string";
    case Type::kStatus:
      return "the status \"" + str + "\"";
    case Type::kInteger:
      return "the integer " + std::to_string(integer);
    case Type::kArray:
      return "an array of " + Elements(elements.size());
    case Type::kError:
      return "the error \"" + str + "\"";
  }
  return "an unknown reply";
}

bool IsTransientErrorReply(std::string_view reply_text) {
  if (reply_text.starts_with("redis: ")) reply_text.remove_prefix(7);
  for (std::string_view transient : {"QUEUEFULL ", "LOADING ", "BUSY ", "MASTERDOWN ", "READONLY ",
                                     "TRYAGAIN ", "CLUSTERDOWN "}) {
    if (reply_text.starts_with(transient)) return true;
  }
  return false;
}

core::ErrorCode ErrorCodeOfReply(std::string_view reply_text) {
  return IsTransientErrorReply(reply_text) ? core::ErrorCode::kStoreUnavailable
                                           : core::ErrorCode::kInternal;
}

}  // namespace chansync::redis
