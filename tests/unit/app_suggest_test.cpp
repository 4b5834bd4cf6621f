// "did you mean ...?" for a mistyped command, option or configuration key.
#include <gtest/gtest.h>

#include "suggest.h"

namespace chansync::app {
namespace {

TEST(SuggestTest, EditDistanceCountsInsertionsDeletionsSubstitutionsAndSwaps) {
  EXPECT_EQ(EditDistance("", ""), 0u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("abc", ""), 3u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("status", "stauts"), 1u);  // two neighbours swapped
  EXPECT_EQ(EditDistance("products", "prodcts"), 1u);
}

TEST(SuggestTest, TheClosestKnownNameIsSuggestedWhenCloseEnough) {
  const std::vector<std::string> commands = {"properties", "products", "options", "status",
                                             "serve"};
  EXPECT_EQ(ClosestName("prodcts", commands), "products");
  EXPECT_EQ(ClosestName("stauts", commands), "status");
  EXPECT_EQ(ClosestName("proprties", commands), "properties");
  EXPECT_EQ(ClosestName("serv", commands), "serve");
  EXPECT_EQ(ClosestName("deploy", commands), std::nullopt);
  EXPECT_EQ(ClosestName("sx", {"s", "status"}), "s");
}

TEST(SuggestTest, ShortWordsAllowFewerEdits) {
  const std::vector<std::string> options = {"--json", "--server", "--property", "--channel"};
  EXPECT_EQ(ClosestName("--jsno", options), "--json");
  EXPECT_EQ(ClosestName("--propety", options), "--property");
  EXPECT_EQ(ClosestName("--colour", options), std::nullopt);
  EXPECT_EQ(ClosestName("ab", {"cd"}), std::nullopt);  // two edits in two letters
}

TEST(SuggestTest, TiesGoToTheEarlierCandidate) {
  EXPECT_EQ(ClosestName("cat", {"bat", "hat"}), "bat");
}

}  // namespace
}  // namespace chansync::app
