#include "chansync/redis/connection.h"

#include <hiredis/hiredis.h>
#include <signal.h>

#include <cerrno>
#include <memory>
#include <mutex>

#include "chansync/redis/transient_error.h"
#include "reply_builder.h"

namespace chansync::redis {
namespace {

using std::chrono::duration_cast;
using std::chrono::microseconds;
using std::chrono::milliseconds;

// The socket's timeouts are moved only when they differ from a call's remaining time by more
// than this, so the calls that finish quickly cost no extra system call; a blocked read may
// overrun its deadline by as much.
constexpr microseconds kTimeoutSlack = milliseconds(5);

timeval ToTimeval(microseconds us) {
  timeval tv;
  tv.tv_sec = static_cast<time_t>(us.count() / 1'000'000);
  tv.tv_usec = static_cast<suseconds_t>(us.count() % 1'000'000);
  return tv;
}

// hiredis writes with write(2): once Redis dies, the next write to its socket raises SIGPIPE,
// whose default action kills the process. The failed write must surface as STORE_UNAVAILABLE
// instead, so the default disposition is replaced (a handler someone installed is kept).
void IgnoreSigpipeOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction current {};
    if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
      signal(SIGPIPE, SIG_IGN);
    }
  });
}

void AppendArgv(redisContext* context, const RedisCommand& argv) {
  std::vector<const char*> ptrs;
  std::vector<size_t> lens;
  ptrs.reserve(argv.size());
  lens.reserve(argv.size());
  for (const auto& arg : argv) {
    ptrs.push_back(arg.data());
    lens.push_back(arg.size());
  }
  redisAppendCommandArgv(context, static_cast<int>(argv.size()), ptrs.data(), lens.data());
}

}  // namespace

RedisConnection::RedisConnection(RedisEndpoint endpoint, RedisOptions options)
    : endpoint_(std::move(endpoint)), options_(options) {}

RedisConnection::~RedisConnection() {
  if (context_ != nullptr) redisFree(context_);
}

std::unexpected<core::Error> RedisConnection::DropWithError(std::string_view what) {
  std::string message = "redis at " + endpoint_.ToString() + ": " + std::string(what);
  if (context_ != nullptr) {
    if (context_->errstr[0] != '\0') message += std::string(": ") + context_->errstr;
    redisFree(context_);
    context_ = nullptr;
  }
  return core::Fail(core::ErrorCode::kStoreUnavailable, std::move(message));
}

// A socket timeout shows as EAGAIN from the blocked read or write.
std::unexpected<core::Error> RedisConnection::DropAfterFailedIo(Clock::time_point deadline) {
  const bool timed_out =
      (context_->err == REDIS_ERR_IO && (errno == EAGAIN || errno == EWOULDBLOCK)) ||
      Clock::now() >= deadline;
  return DropWithError(timed_out ? "deadline exceeded" : "lost connection");
}

core::Status RedisConnection::EnsureConnected() {
  if (context_ != nullptr) return core::Ok();
  IgnoreSigpipeOnce();
  const timeval connect_timeout = ToTimeval(options_.connect_timeout);
  context_ = endpoint_.unix_socket.empty()
                 ? redisConnectWithTimeout(endpoint_.host.c_str(), endpoint_.port, connect_timeout)
                 : redisConnectUnixWithTimeout(endpoint_.unix_socket.c_str(), connect_timeout);
  if (context_ == nullptr)
    return core::Fail(core::ErrorCode::kStoreUnavailable, "redis: out of memory");
  if (context_->err != 0) return DropWithError("cannot connect");
  BuildRedisReplies(context_);
  socket_timeout_ = options_.command_timeout;
  if (redisSetTimeout(context_, ToTimeval(socket_timeout_)) != REDIS_OK) {
    return DropWithError("cannot set timeout");
  }
  return Authenticate();
}

core::Status RedisConnection::Authenticate() {
  if (options_.password.empty()) return core::Ok();
  RedisCommand auth{"AUTH"};
  if (!options_.user.empty()) auth.push_back(options_.user);
  auth.push_back(options_.password);
  AppendArgv(context_, auth);
  const Clock::time_point deadline = Clock::now() + options_.command_timeout;
  RETURN_IF_ERROR(Send(deadline));
  ASSIGN_OR_RETURN(const RedisReply reply, Receive(deadline));
  if (!reply.is_error()) return core::Ok();
  // Redis's answer (WRONGPASS, or an AUTH the server does not expect) never echoes the password.
  const std::string as = options_.user.empty() ? "the default user" : "user " + options_.user;
  return DropWithError("AUTH as " + as + " refused: " + reply.str);
}

// Bounds the next blocking read or write by what is left until `deadline`.
core::Status RedisConnection::LimitNextWait(Clock::time_point deadline) {
  const auto remaining = duration_cast<microseconds>(deadline - Clock::now());
  if (remaining <= microseconds::zero()) return DropWithError("deadline exceeded");
  if (socket_timeout_ < remaining || socket_timeout_ > remaining + kTimeoutSlack) {
    socket_timeout_ = remaining;
    if (redisSetTimeout(context_, ToTimeval(remaining)) != REDIS_OK) {
      return DropWithError("cannot set timeout");
    }
  }
  return core::Ok();
}

core::Status RedisConnection::Send(Clock::time_point deadline) {
  int done = 0;
  while (done == 0) {
    if (auto limited = LimitNextWait(deadline); !limited) return limited;
    if (redisBufferWrite(context_, &done) != REDIS_OK) return DropAfterFailedIo(deadline);
  }
  return core::Ok();
}

// redisGetReply's loop, with each read bounded by the deadline.
core::Result<RedisReply> RedisConnection::Receive(Clock::time_point deadline) {
  void* raw = nullptr;
  for (;;) {
    if (redisGetReplyFromReader(context_, &raw) != REDIS_OK) return DropWithError("bad reply");
    if (raw != nullptr) break;
    RETURN_IF_ERROR(LimitNextWait(deadline));
    if (redisBufferRead(context_) != REDIS_OK) return DropAfterFailedIo(deadline);
  }
  std::unique_ptr<RedisReply> reply(static_cast<RedisReply*>(raw));
  return std::move(*reply);
}

core::Result<RedisReply> RedisConnection::Command(const RedisCommand& argv, CallOptions call) {
  ASSIGN_OR_RETURN(auto replies, RoundTrip(std::span(&argv, 1), call));
  RedisReply& reply = replies.front();
  if (reply.is_error()) {
    // A server that wants credentials and got none is unreachable for us, not a broken command.
    if (reply.str.starts_with("NOAUTH")) {
      return core::Fail(core::ErrorCode::kStoreUnavailable,
                        "redis at " + endpoint_.ToString() + " requires authentication: " +
                            reply.str + " (configure a user and password)");
    }
    return core::Fail(ErrorCodeOfReply(reply.str), "redis: " + reply.str);
  }
  return std::move(reply);
}

core::Result<std::vector<RedisReply>> RedisConnection::Pipeline(
    const std::vector<RedisCommand>& commands, CallOptions call) {
  return RoundTrip(commands, call);
}

core::Result<std::vector<RedisReply>> RedisConnection::RoundTrip(
    std::span<const RedisCommand> commands, CallOptions call) {
  const Clock::time_point start = Clock::now();
  const Clock::time_point deadline = call.deadline.value_or(start + options_.command_timeout);
  if (start >= deadline) {
    return core::Fail(core::ErrorCode::kStoreUnavailable,
                      "redis at " + endpoint_.ToString() + ": deadline passed before sending");
  }
  RETURN_IF_ERROR(EnsureConnected());
  for (const auto& argv : commands) AppendArgv(context_, argv);
  RETURN_IF_ERROR(Send(deadline));
  std::vector<RedisReply> replies;
  replies.reserve(commands.size());
  for (size_t i = 0; i < commands.size(); ++i) {
    ASSIGN_OR_RETURN(auto reply, Receive(deadline));
    replies.push_back(std::move(reply));
  }
  return replies;
}

}  // namespace chansync::redis
