#pragma once

#include "chansync/auth/api_key.h"
#include "chansync/v1/keys.pb.h"

namespace chansync::api {

// A key as KeysService shows it (never its secret or hash); `active` as of `now`.
v1::ApiKeyInfo ApiKeyInfoOf(const auth::ApiKey& key, core::Timestamp now);

}  // namespace chansync::api
