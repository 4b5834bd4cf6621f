#include "chansync/test/key_space.h"

#include <gtest/gtest.h>

#include <string>

namespace chansync::test {

redis::KeySpace KeySpaceOfCurrentTest(std::string_view tag) {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string prefix = "t:";
  prefix += info == nullptr ? "no-test" : std::string(info->test_suite_name()) + "." + info->name();
  if (!tag.empty()) prefix.append(":").append(tag);
  auto keys = redis::KeySpace::WithPrefix(std::move(prefix));
  EXPECT_TRUE(keys.has_value()) << keys.error().ToString();
  return keys.value_or(redis::KeySpace());
}

}  // namespace chansync::test
