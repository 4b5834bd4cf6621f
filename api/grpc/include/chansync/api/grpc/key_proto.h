#pragma once

#include "chansync/auth/api_key.h"
#include "chansync/auth/key_manager.h"
#include "chansync/core/error.h"
#include "chansync/v1/keys.pb.h"

namespace chansync::api {

// A key as KeysService shows it (never its secret or hash); `active` as of `now`.
v1::ApiKeyInfo ApiKeyInfoOf(const auth::ApiKey& key, core::Timestamp now);

// What CreateKey asks for, for KeyManager::Create (which checks the rest). INVALID_ARGUMENT for
// an unknown role.
core::Result<auth::KeyRequest> KeyRequestOf(const v1::CreateKeyRequest& request);

}  // namespace chansync::api
