// Replays every file of tests/fuzz/corpus/<target>/ through its fuzz target: the seeds and the
// inputs of past crashes stay regression inputs of the normal test run, without clang.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_target.h"

namespace chansync::fuzz {
namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<Target> TargetsToReplay() { return RegisteredTargets(); }

class CorpusReplayTest : public ::testing::TestWithParam<Target> {};

TEST_P(CorpusReplayTest, EveryCorpusInputKeepsTheInvariants) {
  const std::filesystem::path folder =
      std::filesystem::path(CHANSYNC_FUZZ_CORPUS_DIR) / GetParam().name;
  ASSERT_TRUE(std::filesystem::is_directory(folder)) << folder << " holds the target's seeds";
  std::vector<std::filesystem::path> inputs;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.is_regular_file()) inputs.push_back(entry.path());
  }
  std::sort(inputs.begin(), inputs.end());
  ASSERT_FALSE(inputs.empty()) << folder << " is empty";
  for (const auto& input : inputs) {
    SCOPED_TRACE(input.string());
    // A broken invariant aborts; the name on stderr says which input did it.
    std::fprintf(stderr, "replaying %s\n", input.c_str());
    GetParam().run(ReadFile(input));
  }
}

INSTANTIATE_TEST_SUITE_P(Targets, CorpusReplayTest, ::testing::ValuesIn(TargetsToReplay()),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace chansync::fuzz
