#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chansync/core/error.h"

namespace chansync::redis {

class StringPairs;

// A Redis reply copied out of hiredis, so no hiredis type leaks past this header.
//
// Read it with the checked readers rather than by walking `elements`: each answers INTERNAL
// naming the shape it expected and the one it got ("redis reply: expected an array of 2
// elements, got an integer"), and an error reply answers INTERNAL "redis: <Redis's text>"
// whatever was expected. Views returned by the readers point into this reply and live as long as
// it does.
struct RedisReply {
  enum class Type { kNil, kString, kInteger, kArray, kStatus, kError };
  Type type = Type::kNil;
  std::string str;  // kString, kStatus, kError
  long long integer = 0;
  std::vector<RedisReply> elements;

  bool is_nil() const { return type == Type::kNil; }
  bool is_error() const { return type == Type::kError; }

  // Fails only for an error reply.
  core::Status CheckNotError() const;
  // A bulk string or a status ("OK").
  core::Result<std::string_view> String() const;
  // A bulk string or a status; nullopt for nil (GET of a missing key).
  core::Result<std::optional<std::string_view>> StringOrNil() const;
  core::Result<long long> Integer() const;
  // An array of any length.
  core::Result<std::span<const RedisReply>> Array() const;
  // An array of exactly `size` elements.
  core::Result<std::span<const RedisReply>> Array(size_t size) const;
  // An array of `size` elements or more.
  core::Result<std::span<const RedisReply>> ArrayAtLeast(size_t size) const;
  // An array; nil (XREADGROUP that found nothing) reads as an empty one.
  core::Result<std::span<const RedisReply>> ArrayOrNil() const;
  // A flat array of strings read two by two: HGETALL, CONFIG GET, a stream entry's fields.
  core::Result<StringPairs> Pairs() const;

  // "an integer", "an array of 3 elements", "nil", "the error \"ERR ...\"", for messages.
  std::string Describe() const;
};

// A flat array of strings seen as (field, value) pairs. Built by RedisReply::Pairs, which has
// checked the length is even and every element a string.
class StringPairs {
 public:
  using value_type = std::pair<std::string_view, std::string_view>;

  class Iterator {
   public:
    explicit Iterator(const RedisReply* at) : at_(at) {}
    value_type operator*() const { return {at_[0].str, at_[1].str}; }
    Iterator& operator++() {
      at_ += 2;
      return *this;
    }
    bool operator==(const Iterator&) const = default;

   private:
    const RedisReply* at_;
  };

  explicit StringPairs(std::span<const RedisReply> flat) : flat_(flat) {}
  size_t size() const { return flat_.size() / 2; }
  bool empty() const { return flat_.empty(); }
  Iterator begin() const { return Iterator(flat_.data()); }
  Iterator end() const { return Iterator(flat_.data() + flat_.size()); }

 private:
  std::span<const RedisReply> flat_;
};

}  // namespace chansync::redis
