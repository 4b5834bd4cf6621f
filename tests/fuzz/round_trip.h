#pragma once

#include <string>
#include <string_view>

#include "chansync/core/error.h"
#include "fuzz_target.h"

namespace chansync::fuzz {

// A decoder's refusal: the code its contract names, with a message saying what is wrong.
inline void CheckRefusal(const core::Error& error, core::ErrorCode expected_code) {
  FUZZ_CHECK(error.code == expected_code, error.ToString());
  FUZZ_CHECK(!error.message.empty(), "a refusal without a message");
}

// Decodes `input`; a refusal must carry `refusal_code`. What decodes must encode to a text that
// decodes to the same value and encodes to the same text again. `decode` takes a string_view
// and returns a core::Result<T>; `encode` takes a const T& and returns the text.
template <typename Decode, typename Encode>
void CheckRoundTrip(std::string_view input, Decode decode, Encode encode,
                    core::ErrorCode refusal_code = core::ErrorCode::kInvalidArgument) {
  auto decoded = decode(input);
  if (!decoded) return CheckRefusal(decoded.error(), refusal_code);
  const std::string encoded = encode(*decoded);
  auto again = decode(encoded);
  FUZZ_CHECK(again.has_value(), "re-decoding failed: " + again.error().ToString() + "\n" + encoded);
  FUZZ_CHECK(*again == *decoded, "the round trip changed the value: " + encoded);
  FUZZ_CHECK(encode(*again) == encoded, "encoding is not stable: " + encoded);
}

// The first byte of a fuzz input picks what the rest is fed to, so one target covers a family
// of decoders and the corpus names the decoder of each seed in its first byte.
struct Selected {
  unsigned char selector;
  std::string_view rest;
};
inline Selected SplitSelector(std::string_view input) {
  if (input.empty()) return {0, input};
  return {static_cast<unsigned char>(input[0]), input.substr(1)};
}

}  // namespace chansync::fuzz
