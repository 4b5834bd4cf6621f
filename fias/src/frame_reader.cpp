#include "chansync/fias/frame_reader.h"

#include "chansync/fias/record_codec.h"

namespace chansync::fias {

std::vector<core::Result<std::string>> FrameReader::Feed(std::string_view bytes) {
  std::vector<core::Result<std::string>> out;
  for (char c : bytes) {
    if (c == kStx) {
      if (state_ == State::kInside) {
        out.push_back(core::Fail(core::ErrorCode::kInvalidArgument,
                                 "record cut short after " + std::to_string(body_.size()) +
                                     " bytes by the start of another"));
      }
      // A lost ETX must not cost the next record: an STX always starts a frame.
      state_ = State::kInside;
      body_.clear();
      continue;
    }
    switch (state_) {
      case State::kOutside:
        ++bytes_outside_frames_;
        break;
      case State::kSkipping:
        if (c == kEtx) state_ = State::kOutside;
        break;
      case State::kInside:
        if (c == kEtx) {
          out.push_back(std::move(body_));
          body_.clear();
          state_ = State::kOutside;
        } else if (body_.size() == max_record_bytes_) {
          out.push_back(core::Fail(
              core::ErrorCode::kInvalidArgument,
              "record longer than " + std::to_string(max_record_bytes_) + " bytes refused"));
          body_.clear();
          body_.shrink_to_fit();
          state_ = State::kSkipping;
        } else {
          body_ += c;
        }
        break;
    }
  }
  return out;
}

void FrameReader::Reset() {
  state_ = State::kOutside;
  body_.clear();
}

}  // namespace chansync::fias
