#include "chansync/core/text.h"

#include <cstdint>
#include <string>

namespace chansync::core {
namespace {

// The code point starting at text[i] and its length in bytes; length 0 when malformed.
struct Decoded {
  char32_t code_point = 0;
  size_t length = 0;
};

Decoded DecodeAt(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(text[k]); };
  const uint8_t lead = byte(i);
  if (lead < 0x80) return {lead, 1};
  size_t length;
  char32_t code_point;
  char32_t smallest;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, code_point = lead & 0x1F, smallest = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code_point = lead & 0x0F, smallest = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code_point = lead & 0x07, smallest = 0x10000;
  } else {
    return {};
  }
  if (text.size() - i < length) return {};
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {};
    code_point = (code_point << 6) | (byte(i + k) & 0x3F);
  }
  const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
  if (code_point < smallest || surrogate || code_point > 0x10FFFF) return {};
  return {code_point, length};
}

bool IsControl(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

}  // namespace

Status ValidateText(std::string_view field, std::string_view value, size_t max_bytes) {
  const std::string name(field);
  if (value.empty()) return Fail(ErrorCode::kInvalidArgument, name + " is required");
  if (value.size() > max_bytes) {
    return Fail(ErrorCode::kInvalidArgument,
                name + " is longer than " + std::to_string(max_bytes) + " bytes");
  }
  for (size_t i = 0; i < value.size();) {
    const Decoded decoded = DecodeAt(value, i);
    if (decoded.length == 0) {
      return Fail(ErrorCode::kInvalidArgument,
                  name + " is not valid UTF-8 at byte " + std::to_string(i));
    }
    if (IsControl(decoded.code_point)) {
      return Fail(ErrorCode::kInvalidArgument,
                  name + " contains a control character at byte " + std::to_string(i));
    }
    i += decoded.length;
  }
  return Ok();
}

}  // namespace chansync::core
