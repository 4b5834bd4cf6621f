#pragma once

#include <string>

#include "chansync/auth/key_manager.h"

namespace chansync::app {

// The first key cannot need a key: when no active admin or vendor key exists, makes an admin
// key and writes its text to `path` (created readable by its owner only, replacing what was
// there). Logs the key's id, never its text. Nothing happens when an admin key exists.
// INVALID_ARGUMENT when the file cannot be written; STORE_UNAVAILABLE from the store.
core::Status WriteBootstrapAdminKey(auth::KeyManager& keys, const std::string& path);

// Writes `text` and a newline to `path`, readable and writable by its owner only.
core::Status WriteSecretFile(const std::string& path, const std::string& text);

}  // namespace chansync::app
