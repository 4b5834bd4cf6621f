// The error table (core/error_codes.h) and what derives from it: names, retry classes,
// canonical codes, HTTP statuses and the JSON form of an error.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "chansync/core/canonical_code.h"
#include "chansync/core/error.h"
#include "chansync/core/error_json.h"

namespace chansync::core {
namespace {

std::vector<ErrorCode> AllCodes() {
  std::vector<ErrorCode> codes;
  for (size_t i = 0; i < kErrorCodeCount; ++i) codes.push_back(static_cast<ErrorCode>(i));
  return codes;
}

bool IsUpperSnakeCase(std::string_view name) {
  if (name.empty() || name.front() == '_' || name.back() == '_') return false;
  for (char c : name) {
    if (!std::isupper(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

TEST(ErrorTableTest, EveryCodeHasItsOwnNameThatParsesBack) {
  std::set<std::string_view> names;
  for (ErrorCode code : AllCodes()) {
    const std::string_view name = CodeName(code);
    EXPECT_TRUE(IsUpperSnakeCase(name)) << "\"" << name << "\"";
    EXPECT_TRUE(names.insert(name).second) << name << " names two codes";
    ErrorCode parsed = code == ErrorCode::kInternal ? ErrorCode::kNotFound : ErrorCode::kInternal;
    ASSERT_TRUE(ParseCodeName(name, &parsed)) << name;
    EXPECT_EQ(parsed, code) << name;
  }
  EXPECT_EQ(names.size(), kErrorCodeCount);
}

// The names are stored (integration log, refresh status) and travel to portals and scripts:
// renaming one breaks what is already out there.
TEST(ErrorTableTest, NamesArePublishedAndStable) {
  const std::set<std::string_view> published = {
      "INVALID_ARGUMENT",
      "NOT_FOUND",
      "ALREADY_EXISTS",
      "CONFLICT",
      "PRODUCT_NOT_LINKED",
      "OPTION_NOT_LINKED",
      "PRODUCT_ALREADY_LINKED",
      "PMS_PRODUCT_ALREADY_LINKED",
      "OPTION_ALREADY_LINKED",
      "PMS_OPTION_ALREADY_LINKED",
      "NO_AVAILABILITY",
      "PMS_UNAVAILABLE",
      "PMS_REJECTED",
      "INVALID_RESERVATION",
      "GATEWAY_CLASSIC_MODE",
      "AWAITING_OPERATOR",
      "ALREADY_INTEGRATED",
      "STORE_UNAVAILABLE",
      "DEADLINE_EXCEEDED",
      "INTERNAL",
      "RECHECK_DISABLED",
      "CHANNEL_UNAVAILABLE",
      "CHANNEL_REJECTED",
      "UNAUTHENTICATED",
      "PERMISSION_DENIED",
      "REVENUE_CENTRE_NOT_MAPPED",
      "PAYMENT_TYPE_NOT_MAPPED",
      "VOID_WINDOW_CLOSED",
      "STAY_NOT_CHARGEABLE",
      "UNIMPLEMENTED",
  };
  for (std::string_view name : published) {
    ErrorCode code{};
    EXPECT_TRUE(ParseCodeName(name, &code)) << name << " is no longer a code";
  }
}

TEST(ErrorTableTest, UnknownNamesDoNotParseAndLeaveTheCodeAlone) {
  for (std::string_view name : {"", "internal", "NO_SUCH_CODE", "INTERNAL ", "PMS"}) {
    ErrorCode code = ErrorCode::kConflict;
    EXPECT_FALSE(ParseCodeName(name, &code)) << "\"" << name << "\"";
    EXPECT_EQ(code, ErrorCode::kConflict);
  }
}

TEST(ErrorTableTest, OnlyInternalAnswersHttp500) {
  for (ErrorCode code : AllCodes()) {
    const int status = HttpStatusOf(code);
    EXPECT_GE(status, 400) << CodeName(code);
    EXPECT_LE(status, 599) << CodeName(code);
    if (code == ErrorCode::kInternal) {
      EXPECT_EQ(status, 500);
    } else {
      EXPECT_NE(status, 500) << CodeName(code) << " would look like a server fault";
    }
  }
}

TEST(ErrorTableTest, RetryClassFollowsTheCanonicalCode) {
  for (ErrorCode code : AllCodes()) {
    const bool retried = IsRetried(RetryClassOf(code));
    EXPECT_EQ(retried, IsTransient(CanonicalCodeOf(code))) << CodeName(code);
  }
}

TEST(ErrorTableTest, TransientCanonicalCodesAreExactlyTheRetriedOnes) {
  using absl::StatusCode;
  for (StatusCode transient : {StatusCode::kUnavailable, StatusCode::kDeadlineExceeded,
                               StatusCode::kResourceExhausted, StatusCode::kAborted}) {
    EXPECT_TRUE(IsTransient(transient)) << static_cast<int>(transient);
  }
  for (StatusCode permanent :
       {StatusCode::kInvalidArgument, StatusCode::kFailedPrecondition, StatusCode::kNotFound,
        StatusCode::kPermissionDenied, StatusCode::kAlreadyExists, StatusCode::kInternal}) {
    EXPECT_FALSE(IsTransient(permanent)) << static_cast<int>(permanent);
  }
}

TEST(ErrorTableTest, RowsSayWhatToDoNext) {
  EXPECT_EQ(RetryClassOf(ErrorCode::kPmsUnavailable), RetryClass::kRetryWithBackoff);
  EXPECT_EQ(RetryClassOf(ErrorCode::kStoreUnavailable), RetryClass::kRetryWithBackoff);
  EXPECT_EQ(RetryClassOf(ErrorCode::kConflict), RetryClass::kRetryWithBackoff);
  EXPECT_EQ(RetryClassOf(ErrorCode::kProductNotLinked), RetryClass::kPermanent);
  EXPECT_EQ(RetryClassOf(ErrorCode::kNoAvailability), RetryClass::kPermanent);
  EXPECT_EQ(RetryClassOf(ErrorCode::kRateLimited), RetryClass::kRetryAfter);

  EXPECT_EQ(HttpStatusOf(ErrorCode::kInvalidReservation), 400);
  EXPECT_EQ(HttpStatusOf(ErrorCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusOf(ErrorCode::kNoAvailability), 409);
  EXPECT_EQ(HttpStatusOf(ErrorCode::kProductNotLinked), 422);
  EXPECT_EQ(HttpStatusOf(ErrorCode::kStoreUnavailable), 503);
  EXPECT_EQ(HttpStatusOf(ErrorCode::kDeadlineExceeded), 503);
  EXPECT_EQ(HttpStatusOf(ErrorCode::kRateLimited), 429);

  EXPECT_EQ(CanonicalCodeOf(ErrorCode::kConflict), absl::StatusCode::kAborted);
  EXPECT_EQ(CanonicalCodeOf(ErrorCode::kPmsUnavailable), absl::StatusCode::kUnavailable);
}

TEST(ErrorTableTest, AValueOutsideTheEnumReadsAsInternal) {
  const auto stray = static_cast<ErrorCode>(kErrorCodeCount + 7);
  EXPECT_EQ(CodeName(stray), "INTERNAL");
  EXPECT_EQ(HttpStatusOf(stray), 500);
  EXPECT_EQ(RetryClassOf(stray), RetryClass::kPermanent);
}

TEST(ErrorJsonTest, IsTheErrorObjectAndNothingElse) {
  const std::string json = ErrorJson(Error{ErrorCode::kNoAvailability, "no \"chalet\"\non 3\\9"});
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  ASSERT_FALSE(doc.HasParseError()) << json;
  ASSERT_TRUE(doc.IsObject());
  EXPECT_EQ(doc.MemberCount(), 1u);
  const auto& error = doc["error"];
  ASSERT_TRUE(error.IsObject());
  EXPECT_EQ(error.MemberCount(), 2u);
  EXPECT_STREQ(error["code"].GetString(), "NO_AVAILABILITY");
  EXPECT_STREQ(error["message"].GetString(), "no \"chalet\"\non 3\\9");
}

TEST(ErrorJsonTest, ContractCodesKeepTheirOwnSpelling) {
  EXPECT_EQ(ErrorJson("IDEMPOTENCY_KEY_REUSED", "key k1"),
            R"({"error":{"code":"IDEMPOTENCY_KEY_REUSED","message":"key k1"}})");
}

TEST(ErrorJsonTest, HttpReplyTakesItsStatusFromTheTable) {
  for (ErrorCode code : AllCodes()) {
    const Error error{code, "why"};
    const HttpErrorReply reply = ToHttpError(error);
    EXPECT_EQ(reply.status, HttpStatusOf(code)) << CodeName(code);
    EXPECT_EQ(reply.body, ErrorJson(error));
  }
}

}  // namespace
}  // namespace chansync::core
