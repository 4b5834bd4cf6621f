#include "token_storage_setting.h"

#include <string>

namespace chansync::app {

core::Result<TokenStorageMode> ParseTokenStorageMode(std::string_view text) {
  if (text == "sealed") return TokenStorageMode::kSealed;
  if (text == "insecure-plain") return TokenStorageMode::kInsecurePlain;
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    "takes sealed or insecure-plain, got \"" + std::string(text) + "\"");
}

}  // namespace chansync::app
