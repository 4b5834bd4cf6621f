// RETURN_IF_ERROR / ASSIGN_OR_RETURN and the Result / Status types they work on.
#include <gtest/gtest.h>

#include <expected>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "chansync/core/error.h"

namespace chansync::core {
namespace {

Status Refuse(ErrorCode code, std::string message) { return Fail(code, std::move(message)); }

Result<int> Number(bool ok, int value = 7) {
  if (!ok) return Fail(ErrorCode::kNotFound, "no number");
  return value;
}

Result<std::unique_ptr<int>> Owned(bool ok) {
  if (!ok) return Fail(ErrorCode::kStoreUnavailable, "store down");
  return std::make_unique<int>(42);
}

template <typename K, typename V>
Result<std::map<K, V>> Pairs(bool ok) {
  if (!ok) return Fail(ErrorCode::kInvalidArgument, "bad pairs");
  return std::map<K, V>{{1, 2}};
}

TEST(ReturnIfErrorTest, PassesSuccessOnAndReturnsTheFirstError) {
  std::vector<std::string> reached;
  auto run = [&](bool first_ok, bool second_ok) -> Status {
    RETURN_IF_ERROR(first_ok ? Ok() : Refuse(ErrorCode::kConflict, "first"));
    reached.push_back("after first");
    RETURN_IF_ERROR(second_ok ? Ok() : Refuse(ErrorCode::kPmsRejected, "second"));
    reached.push_back("after second");
    return Ok();
  };

  EXPECT_TRUE(run(true, true));
  EXPECT_EQ(reached, (std::vector<std::string>{"after first", "after second"}));

  reached.clear();
  const Status second = run(true, false);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::kPmsRejected);
  EXPECT_EQ(second.error().message, "second");
  EXPECT_EQ(reached, std::vector<std::string>{"after first"});

  reached.clear();
  const Status first = run(false, true);
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(reached.empty());
}

TEST(ReturnIfErrorTest, CarriesAResultsErrorIntoAnotherResultType) {
  auto run = [](bool ok) -> Result<std::string> {
    RETURN_IF_ERROR(Number(ok));
    return std::string("done");
  };
  EXPECT_EQ(run(true).value(), "done");
  const auto failed = run(false);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(failed.error().message, "no number");
}

TEST(ReturnIfErrorTest, EvaluatesItsExpressionOnce) {
  int calls = 0;
  auto counted = [&]() -> Status {
    ++calls;
    return Refuse(ErrorCode::kInternal, "once");
  };
  auto run = [&]() -> Status {
    RETURN_IF_ERROR(counted());
    return Ok();
  };
  EXPECT_FALSE(run());
  EXPECT_EQ(calls, 1);
}

TEST(ReturnIfErrorTest, LeavesANamedResultsValueInPlace) {
  auto run = [](Result<std::string>& named) -> Status {
    RETURN_IF_ERROR(named);
    return Ok();
  };
  Result<std::string> named = std::string("kept");
  EXPECT_TRUE(run(named));
  EXPECT_EQ(named.value(), "kept");

  Result<std::string> failed = Fail(ErrorCode::kDeadlineExceeded, "late");
  const Status status = run(failed);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().message, "late");
  EXPECT_EQ(failed.error().message, "late") << "the caller's error was moved from";
}

TEST(ReturnIfErrorTest, AcceptsExpressionsWithCommas) {
  auto run = [](bool ok) -> Status {
    RETURN_IF_ERROR(Pairs<int, int>(ok));
    return Ok();
  };
  EXPECT_TRUE(run(true));
  EXPECT_EQ(run(false).error().code, ErrorCode::kInvalidArgument);
}

TEST(AssignOrReturnTest, DeclaresTheValueOrReturnsTheError) {
  auto run = [](bool first_ok, bool second_ok) -> Result<int> {
    ASSIGN_OR_RETURN(const int a, Number(first_ok, 2));
    ASSIGN_OR_RETURN(auto b, Number(second_ok, 3));
    return a * 10 + b;
  };
  EXPECT_EQ(run(true, true).value(), 23);
  EXPECT_EQ(run(false, true).error().message, "no number");
  EXPECT_EQ(run(true, false).error().code, ErrorCode::kNotFound);
}

TEST(AssignOrReturnTest, AssignsToAnExistingVariable) {
  auto run = [](bool ok, int* out) -> Status {
    ASSIGN_OR_RETURN(*out, Number(ok, 5));
    return Ok();
  };
  int out = -1;
  EXPECT_TRUE(run(true, &out));
  EXPECT_EQ(out, 5);
  out = -1;
  EXPECT_FALSE(run(false, &out));
  EXPECT_EQ(out, -1) << "a failed call must not assign";
}

TEST(AssignOrReturnTest, MovesMoveOnlyValuesOut) {
  auto run = [](bool ok) -> Result<int> {
    ASSIGN_OR_RETURN(std::unique_ptr<int> owned, Owned(ok));
    return *owned;
  };
  EXPECT_EQ(run(true).value(), 42);
  EXPECT_EQ(run(false).error().code, ErrorCode::kStoreUnavailable);
}

TEST(AssignOrReturnTest, AcceptsExpressionsWithCommasAndRepeatsInOneScope) {
  auto run = [](bool ok) -> Result<size_t> {
    ASSIGN_OR_RETURN(auto first, Pairs<int, int>(true));
    ASSIGN_OR_RETURN(auto second, Pairs<int, long>(ok));
    return first.size() + second.size();
  };
  EXPECT_EQ(run(true).value(), 2u);
  EXPECT_EQ(run(false).error().message, "bad pairs");
}

TEST(ResultTest, InteroperatesWithStdExpected) {
  const std::expected<int, Error> plain = 4;
  const Result<int> wrapped = plain;
  EXPECT_EQ(wrapped.value(), 4);

  // Slots filled later, as batch answers are.
  std::vector<Result<int>> slots(2);
  slots[0] = 3;
  slots[1] = Fail(ErrorCode::kInvalidReservation, "bad item");
  EXPECT_EQ(slots[0].value(), 3);
  EXPECT_EQ(slots[1].error().code, ErrorCode::kInvalidReservation);

  const Status ok = Ok();
  EXPECT_TRUE(ok.has_value());
}

}  // namespace
}  // namespace chansync::core
