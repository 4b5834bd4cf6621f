#pragma once

#include <string_view>

#include "chansync/redis/key_space.h"

namespace chansync::test {

// A key space of the running test's own, "t:<suite>.<test>" (then ":<tag>" when `tag` is not
// empty), so tests sharing one redis-server never see each other's keys. Call it inside a test
// (or its SetUp).
redis::KeySpace KeySpaceOfCurrentTest(std::string_view tag = {});

}  // namespace chansync::test
