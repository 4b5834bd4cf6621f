#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "chansync/core/json_parse.h"
#include "chansync/core/pooled_json_document.h"

namespace chansync::core::json {
namespace {

using ::testing::HasSubstr;

std::string Nested(int depth, bool closed) {
  return std::string(depth, '[') + (closed ? std::string(depth, ']') : "");
}

TEST(JsonParseTest, ParsesOrdinaryDocuments) {
  PooledJsonDocument doc;
  ASSERT_TRUE(ParseUntrusted(doc, R"({"name": "Zoë", "list": [1, 2.5, null, true]})"));
  EXPECT_STREQ(doc["name"].GetString(), "Zoë");
  EXPECT_EQ(doc["list"].Size(), 4u);
}

TEST(JsonParseTest, AcceptsTheDepthLimitAndRefusesOneLevelMore) {
  PooledJsonDocument doc;
  EXPECT_TRUE(ParseUntrusted(doc, Nested(kMaxDepth, true)));
  auto refused = ParseUntrusted(doc, Nested(kMaxDepth + 1, true));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(refused.error().message, HasSubstr("nested deeper than 32 levels"));
  EXPECT_TRUE(doc.IsNull());
}

TEST(JsonParseTest, HostileNestingIsRefusedWithoutRecursion) {
  for (bool closed : {true, false}) {
    for (const std::string& open : {std::string("["), std::string("{\"a\":")}) {
      std::string body;
      for (int i = 0; i < 150000; ++i) body += open;
      if (closed) body += std::string(150000, open == "[" ? ']' : '}');
      PooledJsonDocument doc;
      auto refused = ParseUntrusted(doc, body);
      ASSERT_FALSE(refused) << open << closed;
      EXPECT_THAT(refused.error().message, HasSubstr("nested deeper than"));
    }
  }
}

TEST(JsonParseTest, RefusesInvalidUtf8AndNamesTheOffset) {
  PooledJsonDocument doc;
  for (const std::string& bad :
       {std::string("{\"a\": \"\xff\"}"), std::string("{\"a\": \"\xc3\"}"),
        std::string("{\"a\": \"\xed\xa0\x80\"}"), std::string("{\"a\": \"\xc0\xaf\"}")}) {
    auto refused = ParseUntrusted(doc, bad);
    ASSERT_FALSE(refused) << bad;
    EXPECT_THAT(refused.error().message, HasSubstr("invalid JSON at offset 7"));
  }
}

TEST(JsonParseTest, RefusesEscapedLoneSurrogatesAndKeepsPairsAndHangul) {
  PooledJsonDocument doc;
  for (const std::string& bad :
       {std::string(R"({"a": "x\uDC00y"})"), std::string(R"({"a": "\uDDDD"})"),
        std::string(R"({"\uDFFF": 1})")}) {
    auto refused = ParseUntrusted(doc, bad);
    ASSERT_FALSE(refused) << bad;
    EXPECT_THAT(refused.error().message, HasSubstr("lone UTF-16 surrogate")) << bad;
  }
  // A surrogate pair is one character; U+D55C (Hangul, ED 95 9C in UTF-8) is a character.
  ASSERT_TRUE(ParseUntrusted(doc, R"({"a": "\uD83D\uDE00", "b": "\uD55C", "c": "한"})"));
  EXPECT_STREQ(doc["a"].GetString(), "\xF0\x9F\x98\x80");
  EXPECT_STREQ(doc["b"].GetString(), "\xED\x95\x9C");
  EXPECT_STREQ(doc["c"].GetString(), "\xED\x95\x9C");
}

TEST(JsonParseTest, NeedsNoTerminatingNul) {
  const std::string text = R"({"a": 1}garbage)";
  PooledJsonDocument doc;
  EXPECT_TRUE(ParseUntrusted(doc, std::string_view(text).substr(0, 8)));
  EXPECT_FALSE(ParseUntrusted(doc, text));
}

}  // namespace
}  // namespace chansync::core::json
