#include "redis_credentials.h"

#include "text_file.h"

namespace chansync::app {

core::Status LoadRedisCredentials(const ServeConfig& config, redis::RedisOptions& options) {
  options.user = config.redis_user;
  if (config.redis_password_file.empty()) return core::Ok();
  auto text = ReadTextFile(config.redis_password_file);
  if (!text) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "--redis-password-file: " + text.error().message);
  }
  std::string password = text->substr(0, text->find('\n'));
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (password.empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "--redis-password-file " + config.redis_password_file +
                          ": the first line (the password) is empty");
  }
  options.password = std::move(password);
  return core::Ok();
}

}  // namespace chansync::app
