#pragma once

#include <string>

#include "chansync/core/error.h"
#include "chansync/redis/options.h"
#include "serve_config.h"

namespace chansync::app {

// Sets `options.user` and `options.password` from the configuration: the password is the first
// line of `redis_password_file` (its line ending removed), so it never shows on a command line
// or in `--print-config`. Nothing to do without a password file. INVALID_ARGUMENT naming the
// file when it cannot be read or its first line is empty; the message never holds the password.
core::Status LoadRedisCredentials(const ServeConfig& config, redis::RedisOptions& options);

}  // namespace chansync::app
