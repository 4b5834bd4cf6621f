#include "bootstrap_key.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace chansync::app {

core::Status WriteSecretFile(const std::string& path, const std::string& text) {
  // Created 0600 from the start: a key file must never be readable by others, even briefly.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "cannot write " + path + ": " + std::strerror(errno));
  }
  const std::string line = text + "\n";
  const bool written = ::fchmod(fd, 0600) == 0 &&
                       ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  const int saved = errno;
  ::close(fd);
  if (!written) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "cannot write " + path + ": " + std::strerror(saved));
  }
  return core::Ok();
}

core::Status WriteBootstrapAdminKey(auth::KeyManager& keys, const std::string& path) {
  ASSIGN_OR_RETURN(const auto issued, keys.EnsureAdminKey("bootstrap admin"));
  if (!issued) {
    spdlog::info("an admin key exists; no bootstrap key written to {}", path);
    return core::Ok();
  }
  RETURN_IF_ERROR(WriteSecretFile(path, issued->text));
  spdlog::info("new admin key {} written to {}", issued->key.id, path);
  return core::Ok();
}

}  // namespace chansync::app
