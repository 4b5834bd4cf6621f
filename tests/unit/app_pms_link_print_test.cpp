#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "pms_link_print.h"

namespace chansync::app {
namespace {

using ::testing::HasSubstr;

TEST(PmsLinkPrintTest, ARelayUpShowsOkAndItsLastMessages) {
  v1::GetPmsLinkStatusResponse response;
  v1::PmsLinkStatus* link = response.add_links();
  link->set_property_id("spa-hotel");
  link->set_interface("127.0.0.1:5010");
  link->set_ok(true);
  link->set_since("2026-07-01T12:00:00Z");
  link->set_connections(2);
  link->mutable_last_sent()->set_record("PR|RN101|P#7|");
  link->mutable_last_sent()->set_at("2026-07-01T12:01:00Z");
  link->mutable_last_failure()->set_record("PA|P#6|AS NP|");
  link->mutable_last_failure()->set_at("2026-07-01T12:00:30Z");
  link->mutable_last_failure()->set_reason("answer status NP");
  std::ostringstream out;
  PrintPmsLinks(response, out);
  EXPECT_THAT(out.str(), HasSubstr("spa-hotel  127.0.0.1:5010  OK since 2026-07-01T12:00:00Z\n"));
  EXPECT_THAT(out.str(), HasSubstr("last sent:          2026-07-01T12:01:00Z  PR|RN101|P#7|"));
  EXPECT_THAT(out.str(), HasSubstr("last success:       -"));
  EXPECT_THAT(out.str(), HasSubstr("PA|P#6|AS NP|  (answer status NP)"));
}

TEST(PmsLinkPrintTest, ARelayDownSaysSinceWhenAndWhy) {
  v1::GetPmsLinkStatusResponse response;
  v1::PmsLinkStatus* link = response.add_links();
  link->set_property_id("spa-hotel");
  link->set_since("2026-07-01T12:00:00Z");
  link->set_link_failure("cannot connect");
  std::ostringstream out;
  PrintPmsLinks(response, out);
  EXPECT_THAT(out.str(), HasSubstr("RELAY DOWN since 2026-07-01T12:00:00Z: cannot connect"));
  std::ostringstream none;
  PrintPmsLinks({}, none);
  EXPECT_THAT(none.str(), HasSubstr("no PMS relay"));
}

}  // namespace
}  // namespace chansync::app
