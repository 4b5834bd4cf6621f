#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "chansync/core/error.h"

namespace chansync::fias {

// Cuts a TCP byte stream into frame bodies (STX body ETX), whatever the reads: a frame split
// over several reads, several frames in one read, bytes between frames (line noise, a peer's
// CR LF) all come out right. A frame never holds more than `max_record_bytes` of body in
// memory: a longer one is refused and skipped to its ETX. Not thread-safe; one per connection.
class FrameReader {
 public:
  static constexpr size_t kDefaultMaxRecordBytes = 8 * 1024;

  explicit FrameReader(size_t max_record_bytes = kDefaultMaxRecordBytes)
      : max_record_bytes_(max_record_bytes) {}

  // Reads `bytes` and returns what they complete, in order: a body per frame closed by these
  // bytes, or INVALID_ARGUMENT for a frame refused — longer than the bound, or cut short by
  // the STX of a next frame (whose own body is then read normally).
  std::vector<core::Result<std::string>> Feed(std::string_view bytes);

  // Bytes seen outside any frame since construction (they are dropped).
  size_t bytes_outside_frames() const { return bytes_outside_frames_; }
  // Whether a frame has begun and not yet ended.
  bool in_frame() const { return state_ != State::kOutside; }
  // Forgets a frame begun (a new connection starts clean).
  void Reset();

 private:
  enum class State { kOutside, kInside, kSkipping };

  size_t max_record_bytes_;
  State state_ = State::kOutside;
  std::string body_;
  size_t bytes_outside_frames_ = 0;
};

}  // namespace chansync::fias
