#include <gtest/gtest.h>

#include <string>

#include "chansync/fias/record_codec.h"

namespace chansync::fias {
namespace {

using core::ErrorCode;

TEST(FiasRecordCodecTest, ReadsARoomPostingWithItsFields) {
  auto record = ParseRecord("PS|RN101|TA1050|P#17|SO12|DA260701|TI143005|");
  ASSERT_TRUE(record) << record.error().ToString();
  EXPECT_EQ(record->type(), "PS");
  EXPECT_EQ(record->GetOr("RN"), "101");
  EXPECT_EQ(record->GetOr("TA"), "1050");
  EXPECT_EQ(record->GetOr("P#"), "17");
  EXPECT_EQ(record->GetOr("TI"), "143005");
  EXPECT_EQ(record->fields().size(), 6u);
}

TEST(FiasRecordCodecTest, FieldOrderIsFreeAndUnknownFieldsAreKeptUnread) {
  auto one = ParseRecord("PA|ASOK|RN101|P#17|ZZwhatever|");
  auto other = ParseRecord("PA|ZZwhatever|P#17|RN101|ASOK|");
  ASSERT_TRUE(one && other);
  for (const Record* record : {&*one, &*other}) {
    EXPECT_EQ(record->GetOr("AS"), "OK");
    EXPECT_EQ(record->GetOr("P#"), "17");
    EXPECT_FALSE(record->Has("G#"));
  }
}

TEST(FiasRecordCodecTest, AcceptsARecordWithoutFieldsAndAMissingLastSeparator) {
  auto bare = ParseRecord("LS");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->type(), "LS");
  EXPECT_TRUE(bare->fields().empty());

  auto open_end = ParseRecord("LS|DA260701|TI120000");
  ASSERT_TRUE(open_end);
  EXPECT_EQ(open_end->GetOr("TI"), "120000");

  auto empty_fields = ParseRecord("LA||DA260701||");
  ASSERT_TRUE(empty_fields);
  EXPECT_EQ(empty_fields->fields().size(), 1u);
}

TEST(FiasRecordCodecTest, AnEmptyValueIsAField) {
  auto record = ParseRecord("PR|RN101|G#|");
  ASSERT_TRUE(record);
  ASSERT_TRUE(record->Has("G#"));
  EXPECT_EQ(record->GetOr("G#", "absent"), "");
}

TEST(FiasRecordCodecTest, RefusesBodiesThatAreNotRecords) {
  for (const char* body : {"", "P", "ps|RN1|", "P1|RN1|", "PSRN101|", "PS|R|", "PS|RN101|X|"}) {
    auto record = ParseRecord(body);
    ASSERT_FALSE(record) << "'" << body << "' was read";
    EXPECT_EQ(record.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(FiasRecordCodecTest, EncodesFieldsInTheOrderSetAndRoundTrips) {
  Record record("PR");
  record.Set("RN", "101").Set("G#", "4711").Set("TA", "-300").Set("P#", "9");
  record.Set("RN", "102");  // replaces, keeps its place
  EXPECT_EQ(EncodeRecord(record), "PR|RN102|G#4711|TA-300|P#9|");
  auto back = ParseRecord(EncodeRecord(record));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, record);
}

TEST(FiasRecordCodecTest, AValueCannotBreakTheFraming) {
  Record record("PS");
  record.Set("CT", std::string("a|b\x02"
                               "c\x03"
                               "d\r\ne"));
  EXPECT_EQ(EncodeRecord(record), "PS|CTa b c d  e|");
}

TEST(FiasRecordCodecTest, FramesABody) { EXPECT_EQ(Frame("LA|"), std::string("\x02LA|\x03")); }

}  // namespace
}  // namespace chansync::fias
