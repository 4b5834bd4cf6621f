#include <absl/time/time.h>
#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include "chansync/core/reservation_json.h"

namespace chansync::core {
namespace {

using std::chrono::milliseconds;
using std::chrono::nanoseconds;

std::string AbslFormat(Timestamp at) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::FromChrono(at), absl::UTCTimeZone());
}

Timestamp AbslParse(const std::string& text) {
  absl::Time time;
  std::string error;
  EXPECT_TRUE(absl::ParseTime(absl::RFC3339_full, text, &time, &error)) << text << ": " << error;
  return absl::ToChronoTime(time);
}

Timestamp At(int64_t millis) { return Timestamp(milliseconds(millis)); }

TEST(TimestampTextTest, FormatsAsTheGeneralFormatterDoesAcrossCenturiesAndLeapDays) {
  std::mt19937_64 random(20261123);
  // 1680 .. 2260 (a Timestamp counts nanoseconds in 64 bits), including instants before 1970.
  std::uniform_int_distribution<int64_t> millis(-9'183'000'000'000, 9'183'000'000'000);
  for (int i = 0; i < 20'000; ++i) {
    const Timestamp at = At(millis(random)) + nanoseconds(random() % 1'000'000);
    ASSERT_EQ(FormatTimestamp(at), AbslFormat(at));
  }
  for (const char* text :
       {"2028-02-29T23:59:59.999Z", "1970-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z",
        "2000-02-29T12:00:00.500Z", "1678-09-22T00:00:00.000Z", "2262-04-10T23:59:59.999Z"}) {
    EXPECT_EQ(FormatTimestamp(AbslParse(text)), text);
  }
}

TEST(TimestampTextTest, TruncatesToTheMillisecondEvenBeforeTheEpoch) {
  EXPECT_EQ(FormatTimestamp(At(0) - nanoseconds(1)), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatTimestamp(At(1) - nanoseconds(1)), "1970-01-01T00:00:00.000Z");
}

TEST(TimestampTextTest, TheEdgesOfTheRangeGoThroughTheGeneralCode) {
  for (const Timestamp at : {Timestamp::min(), Timestamp::max()}) {
    EXPECT_EQ(FormatTimestamp(at), AbslFormat(at));
  }
  for (const char* text : {"0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
                           "1678-01-01T00:00:00Z", "2261-06-01T00:00:00Z"}) {
    auto parsed = ParseTimestamp(text);
    ASSERT_TRUE(parsed) << text;
    EXPECT_EQ(*parsed, AbslParse(text)) << text;
  }
}

TEST(TimestampTextTest, ParsesWhatItFormatsAndWhatTheGeneralParserReads) {
  std::mt19937_64 random(7);
  std::uniform_int_distribution<int64_t> millis(-9'183'000'000'000, 9'183'000'000'000);
  for (int i = 0; i < 20'000; ++i) {
    const Timestamp at = At(millis(random));
    auto parsed = ParseTimestamp(FormatTimestamp(at));
    ASSERT_TRUE(parsed) << FormatTimestamp(at);
    ASSERT_EQ(*parsed, at);
  }
  for (const char* text :
       {"2026-09-01T10:15:00Z", "2026-09-01T10:15:00.1Z", "2026-09-01T10:15:00.123456789Z",
        "2026-09-01T10:15:00+02:00", "2026-09-01T10:15:00.5-05:30", "2026-09-01t10:15:00z",
        "2016-12-31T23:59:60Z", "1969-07-20T20:17:40.25Z"}) {
    auto parsed = ParseTimestamp(text);
    ASSERT_TRUE(parsed) << text;
    EXPECT_EQ(*parsed, AbslParse(text)) << text;
  }
}

TEST(TimestampTextTest, RefusesWhatIsNotAnInstant) {
  for (const char* text : {"", "2026-09-01", "2026-09-01T10:15:00", "2026-02-30T10:15:00Z",
                           "2026-09-01T24:00:00Z", "2026-09-01T10:60:00Z", "2026-13-01T10:15:00Z",
                           "2026-09-01T10:15:00.Z", "2026-09-01T10:15:0aZ", "2026-09-01 10:15:00Z",
                           "2026-09-01T10:15:00.12x4Z", "+026-09-01T10:15:00Z"}) {
    auto parsed = ParseTimestamp(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument) << text;
  }
}

}  // namespace
}  // namespace chansync::core
