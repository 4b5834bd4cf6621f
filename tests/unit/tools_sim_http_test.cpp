#include <gtest/gtest.h>

#include <string>

#include "chansync/tools/sim_http.h"

namespace chansync::tools {
namespace {

std::string Bracketed(std::string_view code, std::string_view message) {
  return "[" + std::string(code) + "|" + std::string(message) + "]";
}

TEST(SimRequestTest, ParamIsNullWhenAbsentOrWithoutQuery) {
  const std::multimap<std::string, std::string> query{{"from", "2026-07-01"}};
  SimRequest request{.method = "GET", .path = "/v1/x", .query = &query};
  ASSERT_NE(request.Param("from"), nullptr);
  EXPECT_EQ(*request.Param("from"), "2026-07-01");
  EXPECT_EQ(request.Param("to"), nullptr);
  EXPECT_EQ(SimRequest{}.Param("from"), nullptr);
}

TEST(ErrorAnswersTest, StatusAndCodeInTheSimulatorsWireFormat) {
  constexpr ErrorAnswers errors(Bracketed);
  const SimResponse invalid = errors.Invalid("units must be an integer");
  EXPECT_EQ(invalid.status, 422);
  EXPECT_EQ(invalid.body, "[INVALID|units must be an integer]");
  EXPECT_EQ(errors.NoRoute().status, 404);
  EXPECT_EQ(errors.NoRoute().body, "[NOT_FOUND|no such endpoint]");
  EXPECT_EQ(errors.WrongMethod().status, 405);
  EXPECT_EQ(errors.WrongMethod().body, "[METHOD_NOT_ALLOWED|method not allowed here]");
  EXPECT_EQ(errors.Error(503, "DOWN", "later").body, "[DOWN|later]");
}

}  // namespace
}  // namespace chansync::tools
