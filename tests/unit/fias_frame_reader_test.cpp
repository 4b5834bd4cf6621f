#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "chansync/fias/frame_reader.h"

namespace chansync::fias {
namespace {

// What a list of Feed results reads as: bodies as they are, refusals as "!".
std::vector<std::string> Show(const std::vector<core::Result<std::string>>& results) {
  std::vector<std::string> out;
  for (const auto& result : results) out.push_back(result ? *result : "!");
  return out;
}

using Bodies = std::vector<std::string>;

const std::string kLinkStart = "\x02LS|DA260701|TI120000|\x03";
const std::string kLinkAlive = "\x02LA|DA260701|TI120001|\x03";

TEST(FiasFrameReaderTest, ReadsOneFrameInOneRead) {
  FrameReader reader;
  EXPECT_EQ(Show(reader.Feed(kLinkStart)), Bodies{"LS|DA260701|TI120000|"});
  EXPECT_FALSE(reader.in_frame());
}

TEST(FiasFrameReaderTest, ReadsAFrameSplitOverManyReads) {
  FrameReader reader;
  std::vector<std::string> all;
  for (char c : kLinkStart) {
    for (auto& body : Show(reader.Feed(std::string(1, c)))) all.push_back(body);
    if (all.empty()) {
      EXPECT_TRUE(reader.in_frame());
    }
  }
  EXPECT_EQ(all, Bodies{"LS|DA260701|TI120000|"});
}

TEST(FiasFrameReaderTest, ReadsMergedFramesAndOneThatGoesOnInTheNextRead) {
  FrameReader reader;
  const std::string stream = kLinkStart + kLinkAlive + "\x02PA|ASOK|P#";
  EXPECT_EQ(Show(reader.Feed(stream)), (Bodies{"LS|DA260701|TI120000|", "LA|DA260701|TI120001|"}));
  EXPECT_TRUE(reader.in_frame());
  EXPECT_EQ(Show(reader.Feed("17|\x03\x02LA|\x03")), (Bodies{"PA|ASOK|P#17|", "LA|"}));
}

TEST(FiasFrameReaderTest, DropsBytesOutsideFramesAndCountsThem) {
  FrameReader reader;
  EXPECT_EQ(Show(reader.Feed("\r\nnoise" + kLinkAlive + "\r\n")), Bodies{"LA|DA260701|TI120001|"});
  EXPECT_EQ(reader.bytes_outside_frames(), 9u);
  EXPECT_EQ(Show(reader.Feed("\x03\x03")), Bodies{});  // a stray ETX is noise too
  EXPECT_EQ(reader.bytes_outside_frames(), 11u);
}

TEST(FiasFrameReaderTest, AFrameCutShortByAnotherStartIsRefusedAndTheNextOneRead) {
  FrameReader reader;
  EXPECT_EQ(Show(reader.Feed("\x02PS|RN10" + kLinkAlive)), (Bodies{"!", "LA|DA260701|TI120001|"}));
}

TEST(FiasFrameReaderTest, RefusesAnOversizeRecordWithoutHoldingItAndReadsTheNext) {
  FrameReader reader(16);
  const std::string within = "\x02" + std::string(16, 'x') + "\x03";
  EXPECT_EQ(Show(reader.Feed(within)), Bodies{std::string(16, 'x')});

  // Over the bound, fed in pieces: refused once, skipped to its ETX.
  EXPECT_EQ(Show(reader.Feed("\x02" + std::string(10, 'y'))), Bodies{});
  EXPECT_EQ(Show(reader.Feed(std::string(10, 'y'))), Bodies{"!"});
  EXPECT_EQ(Show(reader.Feed(std::string(100'000, 'y'))), Bodies{});
  EXPECT_EQ(Show(reader.Feed("yy\x03\x02LA|DA")), Bodies{});
  EXPECT_EQ(Show(reader.Feed("260701|\x03")), Bodies{"LA|DA260701|"});
}

TEST(FiasFrameReaderTest, AnOversizeRecordWhoseEndIsLostEndsAtTheNextStart) {
  FrameReader reader(8);
  EXPECT_EQ(Show(reader.Feed("\x02" + std::string(20, 'z') + "\x02LA|\x03")), (Bodies{"!", "LA|"}));
}

TEST(FiasFrameReaderTest, ResetForgetsAFrameBegun) {
  FrameReader reader;
  EXPECT_EQ(Show(reader.Feed("\x02PS|RN1")), Bodies{});
  reader.Reset();
  EXPECT_EQ(Show(reader.Feed("01|\x03" + kLinkAlive)), Bodies{"LA|DA260701|TI120001|"});
}

}  // namespace
}  // namespace chansync::fias
