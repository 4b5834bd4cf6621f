#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "chansync/api/grpc/method_actions.h"

namespace chansync::api {
namespace {

// Every "chansync.v1.<Service>/<Method>" the .proto files declare, read from the sources so that
// a service added later is seen whether or not this binary links its code.
std::set<std::string> DeclaredMethods() {
  std::set<std::string> methods;
  const std::regex service(R"(^\s*service\s+(\w+))");
  const std::regex rpc(R"(^\s*rpc\s+(\w+)\s*\()");
  for (const auto& entry : std::filesystem::directory_iterator(std::string(CHANSYNC_SOURCE_DIR) +
                                                               "/proto/chansync/v1")) {
    if (entry.path().extension() != ".proto") continue;
    std::ifstream in(entry.path());
    std::string line;
    std::string current;
    for (std::smatch m; std::getline(in, line);) {
      if (std::regex_search(line, m, service)) current = m[1];
      if (std::regex_search(line, m, rpc))
        methods.insert("chansync.v1." + current + "/" + m[1].str());
    }
  }
  return methods;
}

TEST(MethodActionsTest, EveryMethodOfEveryServiceHasItsAction) {
  const auto declared = DeclaredMethods();
  ASSERT_GE(declared.size(), 30u);
  std::set<std::string> tabled;
  for (const MethodAction& row : MethodActions()) {
    EXPECT_TRUE(tabled.insert(std::string(row.method)).second) << row.method << " twice";
  }
  for (const auto& method : declared) EXPECT_TRUE(tabled.contains(method)) << method;
  for (const auto& method : tabled) EXPECT_TRUE(declared.contains(method)) << method;
}

TEST(MethodActionsTest, UnknownMethodsHaveNoAction) {
  EXPECT_FALSE(ActionOfMethod("chansync.v1.AdminService/DropEverything").has_value());
  EXPECT_EQ(ActionOfMethod("chansync.v1.AdminService/SetGateway"), auth::Action::kSetGateway);
}

}  // namespace
}  // namespace chansync::api
