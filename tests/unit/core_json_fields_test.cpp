#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "chansync/core/json_fields.h"

namespace chansync::core::json {
namespace {

using ::testing::HasSubstr;

constexpr FieldReader kReader(ErrorCode::kInvalidReservation);

PooledJsonDocument Doc(std::string_view text) {
  auto doc = kReader.Parse(text);
  EXPECT_TRUE(doc) << doc.error().ToString();
  return std::move(*doc);
}

TEST(JsonWriteTest, KeysAndStringsKeepEmbeddedNulsAndEscapes) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  Key(w, std::string_view("a\0b", 3));
  String(w, "say \"hi\"");
  w.EndObject();
  EXPECT_EQ(Text(buffer), R"({"a\u0000b":"say \"hi\""})");
}

TEST(JsonFindTest, MemberOrNull) {
  auto doc = Doc(R"({"x": 1})");
  ASSERT_NE(Find(doc, "x"), nullptr);
  EXPECT_EQ(Find(doc, "x")->GetInt(), 1);
  EXPECT_EQ(Find(doc, "y"), nullptr);
}

TEST(JsonParseObjectTest, RefusesBadJsonAndNonObjects) {
  EXPECT_TRUE(ParseObject(R"({"x": 1})"));
  auto broken = ParseObject("{");
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(broken.error().message,
              HasSubstr("body is not valid JSON: invalid JSON at offset 1"));
  auto array = ParseObject("[]");
  ASSERT_FALSE(array);
  EXPECT_EQ(array.error().message, "body must be a JSON object");
}

TEST(FieldReaderTest, ParseErrorsNameTheOffsetWithTheReadersCode) {
  auto broken = kReader.Parse(R"({"a": })");
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, ErrorCode::kInvalidReservation);
  EXPECT_THAT(broken.error().message, HasSubstr("body: invalid JSON at offset 6: "));
}

TEST(FieldReaderTest, StringsRequiredOrOptional) {
  auto doc = Doc(R"({"name": "Ann", "none": null, "n": 3})");
  EXPECT_EQ(*kReader.String(doc, "name", true), "Ann");
  EXPECT_EQ(*kReader.String(doc, "none", false), "");
  EXPECT_EQ(*kReader.String(doc, "absent", false), "");
  EXPECT_EQ(kReader.String(doc, "absent", true).error().message, "absent: is required");
  EXPECT_EQ(kReader.String(doc, "none", true).error().message, "none: is required");
  auto number = kReader.String(doc, "n", false);
  ASSERT_FALSE(number);
  EXPECT_EQ(number.error().code, ErrorCode::kInvalidReservation);
  EXPECT_EQ(number.error().message, "n: must be a string");
}

TEST(FieldReaderTest, OptionLinesDefaultToOneOfEach) {
  auto doc = Doc(R"({"options": [{"option": "linen"}, {"option": "pet", "quantity": 2}]})");
  auto lines = kReader.OptionLines(doc);
  ASSERT_TRUE(lines) << lines.error().ToString();
  EXPECT_EQ(*lines, (std::vector<OptionLine>{{"linen", 1}, {"pet", 2}}));
  EXPECT_TRUE(kReader.OptionLines(Doc("{}"))->empty());
  EXPECT_TRUE(kReader.OptionLines(Doc(R"({"options": null})"))->empty());
}

TEST(FieldReaderTest, OptionLineErrorsNameTheLine) {
  const std::vector<std::pair<const char*, const char*>> cases{
      {R"({"options": {}})", "options: must be an array"},
      {R"({"options": [1]})", "options[0]: must be an object"},
      {R"({"options": [{"option": "a"}, {}]})",
       "options[1].option: is required and must be a string"},
      {R"({"options": [{"option": 7}]})", "options[0].option: is required and must be a string"},
      {R"({"options": [{"option": "a", "quantity": "2"}]})",
       "options[0].quantity: must be an integer"},
  };
  for (const auto& [json, message] : cases) {
    auto lines = kReader.OptionLines(Doc(json));
    ASSERT_FALSE(lines) << json;
    EXPECT_EQ(lines.error().message, message);
  }
}

}  // namespace
}  // namespace chansync::core::json
