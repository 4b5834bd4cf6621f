#include "chansync/core/ids.h"

namespace chansync::core {

Status ValidateId(std::string_view field, std::string_view value) {
  if (value.empty()) return Fail(ErrorCode::kInvalidArgument, std::string(field) + " is required");
  if (value.size() > 64) {
    return Fail(ErrorCode::kInvalidArgument, std::string(field) + " is longer than 64 characters");
  }
  for (char c : value) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) {
      return Fail(ErrorCode::kInvalidArgument,
                  std::string(field) + " \"" + std::string(value) +
                      "\" may only contain letters, digits, '.', '_' and '-'");
    }
  }
  return Ok();
}

}  // namespace chansync::core
