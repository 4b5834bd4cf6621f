#include <gtest/gtest.h>

#include <map>
#include <string>

#include "chansync/redis/reply.h"

namespace chansync::redis {
namespace {

using core::ErrorCode;
using Type = RedisReply::Type;

RedisReply String(std::string text) { return RedisReply{.type = Type::kString, .str = text}; }
RedisReply Integer(long long value) { return RedisReply{.type = Type::kInteger, .integer = value}; }
RedisReply Error(std::string text) { return RedisReply{.type = Type::kError, .str = text}; }
RedisReply Array(std::vector<RedisReply> elements) {
  return RedisReply{.type = Type::kArray, .elements = std::move(elements)};
}

TEST(RedisReplyTest, StringsReadBulkAndStatusReplies) {
  EXPECT_EQ(String("v").String().value(), "v");
  EXPECT_EQ((RedisReply{.type = Type::kStatus, .str = "OK"}).String().value(), "OK");
  EXPECT_EQ(String("v").StringOrNil().value(), "v");
  EXPECT_EQ(RedisReply{}.StringOrNil().value(), std::nullopt);
}

TEST(RedisReplyTest, WrongShapeIsInternalNamingExpectedAndActual) {
  auto not_string = Integer(5).String();
  ASSERT_FALSE(not_string.has_value());
  EXPECT_EQ(not_string.error().code, ErrorCode::kInternal);
  EXPECT_EQ(not_string.error().message, "redis reply: expected a string, got the integer 5");

  EXPECT_EQ(String("5").Integer().error().message,
            "redis reply: expected an integer, got a string");
  EXPECT_EQ(RedisReply{}.String().error().message, "redis reply: expected a string, got nil");
  EXPECT_EQ(Array({}).StringOrNil().error().message,
            "redis reply: expected a string or nil, got an array of 0 elements");
}

template <typename T>
void ExpectRedisText(const core::Result<T>& read) {
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code, ErrorCode::kInternal);
  EXPECT_EQ(read.error().message, "redis: WRONGTYPE Operation against a key");
}

TEST(RedisReplyTest, ErrorRepliesFailEveryReaderWithRedisText) {
  const RedisReply error = Error("WRONGTYPE Operation against a key");
  ExpectRedisText(error.CheckNotError());
  ExpectRedisText(error.String());
  ExpectRedisText(error.StringOrNil());
  ExpectRedisText(error.Integer());
  ExpectRedisText(error.Array(1));
  ExpectRedisText(error.ArrayOrNil());
  ExpectRedisText(error.Pairs());
  EXPECT_TRUE(String("x").CheckNotError().has_value());
}

// A server loading its data after a restart (or failing over) is a passing state: callers must
// answer STORE_UNAVAILABLE, which portals retry, not INTERNAL.
TEST(RedisReplyTest, ErrorRepliesOfAPassingServerStateAreStoreUnavailable) {
  for (const char* text : {"LOADING Redis is loading the dataset in memory", "BUSY script",
                           "MASTERDOWN Link with MASTER is down",
                           "TRYAGAIN Multiple keys request during rehashing of slot",
                           "CLUSTERDOWN The cluster is down"}) {
    const auto read = Error(text).String();
    ASSERT_FALSE(read.has_value()) << text;
    EXPECT_EQ(read.error().code, ErrorCode::kStoreUnavailable) << text;
  }
  EXPECT_EQ(Error("WRONGTYPE Operation against a key").String().error().code, ErrorCode::kInternal);
}

TEST(RedisReplyTest, ArraysAreCheckedForLength) {
  const RedisReply pair = Array({String("a"), Integer(2)});
  ASSERT_TRUE(pair.Array().has_value());
  auto exact = pair.Array(2);
  ASSERT_TRUE(exact.has_value());
  EXPECT_EQ((*exact)[0].String().value(), "a");
  EXPECT_EQ((*exact)[1].Integer().value(), 2);

  EXPECT_EQ(pair.Array(3).error().message,
            "redis reply: expected an array of 3 elements, got an array of 2 elements");
  EXPECT_EQ(pair.ArrayAtLeast(2).value().size(), 2u);
  EXPECT_EQ(pair.ArrayAtLeast(3).error().message,
            "redis reply: expected an array of at least 3 elements, got an array of 2 elements");
  EXPECT_EQ(Integer(1).Array(1).error().message,
            "redis reply: expected an array of 1 element, got the integer 1");
}

TEST(RedisReplyTest, NilArrayReadsAsEmptyOnlyWhenAllowed) {
  EXPECT_TRUE(RedisReply{}.ArrayOrNil().value().empty());
  EXPECT_EQ(RedisReply{}.Array().error().message, "redis reply: expected an array, got nil");
  EXPECT_EQ(String("x").ArrayOrNil().error().message,
            "redis reply: expected an array or nil, got a string");
}

TEST(RedisReplyTest, PairsWalkAFlatArrayTwoByTwo) {
  const RedisReply hash = Array({String("f1"), String("v1"), String("f2"), String("")});
  auto pairs = hash.Pairs();
  ASSERT_TRUE(pairs.has_value()) << pairs.error().ToString();
  EXPECT_EQ(pairs->size(), 2u);
  std::map<std::string_view, std::string_view> read;
  for (const auto& [field, value] : *pairs) read.emplace(field, value);
  EXPECT_EQ(read, (std::map<std::string_view, std::string_view>{{"f1", "v1"}, {"f2", ""}}));
  EXPECT_TRUE(Array({}).Pairs().value().empty());
}

TEST(RedisReplyTest, PairsRefuseOddLengthsAndNonStrings) {
  EXPECT_EQ(Array({String("f")}).Pairs().error().message,
            "redis reply: expected a flat array of string pairs, got an array of 1 element");
  EXPECT_EQ(Array({String("f"), Integer(3)}).Pairs().error().message,
            "redis reply: expected a flat array of string pairs, element 1 is the integer 3");
  EXPECT_EQ(RedisReply{}.Pairs().error().code, ErrorCode::kInternal);
}

}  // namespace
}  // namespace chansync::redis
