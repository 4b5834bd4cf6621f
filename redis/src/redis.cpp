#include "chansync/redis/redis.h"

#include <hiredis/hiredis.h>
#include <signal.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <mutex>
#include <new>

namespace chansync::redis {
namespace {

// hiredis's parser builds RedisReply trees directly: no redisReply object to allocate, copy and
// free per element (an HGETALL of links or a claim of 64 messages has hundreds). The root is
// allocated here and handed to the caller of redisGetReply; every other node lives in its
// parent's `elements`, sized when the parent's header is read, so it never moves.
RedisReply* NodeFor(const redisReadTask* task) {
  if (task->parent == nullptr) return new (std::nothrow) RedisReply();
  auto* parent = static_cast<RedisReply*>(task->parent->obj);
  return &parent->elements[static_cast<size_t>(task->idx)];
}

// A null return tells hiredis it is out of memory; the connection is then dropped.
template <typename Fill>
void* Build(const redisReadTask* task, Fill fill) {
  RedisReply* node = NodeFor(task);
  if (node == nullptr) return nullptr;
  try {
    fill(*node);
  } catch (const std::bad_alloc&) {
    if (task->parent == nullptr) delete node;
    return nullptr;
  }
  return node;
}

void* BuildString(const redisReadTask* task, char* text, size_t length) {
  return Build(task, [&](RedisReply& node) {
    node.type = task->type == REDIS_REPLY_ERROR    ? RedisReply::Type::kError
                : task->type == REDIS_REPLY_STATUS ? RedisReply::Type::kStatus
                                                   : RedisReply::Type::kString;
    node.str.assign(text, length);
  });
}

void* BuildArray(const redisReadTask* task, int elements) {
  return Build(task, [&](RedisReply& node) {
    node.type = RedisReply::Type::kArray;
    node.elements.resize(static_cast<size_t>(std::max(elements, 0)));
  });
}

void* BuildInteger(const redisReadTask* task, long long value) {
  return Build(task, [&](RedisReply& node) {
    node.type = RedisReply::Type::kInteger;
    node.integer = value;
  });
}

void* BuildNil(const redisReadTask* task) {
  return Build(task, [](RedisReply& node) { node.type = RedisReply::Type::kNil; });
}

void FreeRoot(void* root) { delete static_cast<RedisReply*>(root); }

redisReplyObjectFunctions reply_builders = {BuildString, BuildArray, BuildInteger, BuildNil,
                                            FreeRoot};

timeval ToTimeval(std::chrono::milliseconds ms) {
  timeval tv;
  tv.tv_sec = ms.count() / 1000;
  tv.tv_usec = (ms.count() % 1000) * 1000;
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

core::Result<RedisEndpoint> RedisEndpoint::Parse(std::string_view text) {
  RedisEndpoint endpoint;
  if (text.starts_with("unix:")) {
    endpoint.unix_socket = std::string(text.substr(5));
    if (endpoint.unix_socket.empty()) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        "redis endpoint \"unix:\" needs a socket path");
    }
    return endpoint;
  }
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    return core::Fail(
        core::ErrorCode::kInvalidArgument,
        "redis endpoint must be host:port or unix:/path, got \"" + std::string(text) + "\"");
  }
  std::string_view host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string_view port = text.substr(colon + 1);
  auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), endpoint.port);
  if (ec != std::errc() || ptr != port.data() + port.size() || endpoint.port <= 0 ||
      endpoint.port > 65535) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "redis endpoint has a bad port: \"" + std::string(text) + "\"");
  }
  endpoint.host = std::string(host);
  return endpoint;
}

std::string RedisEndpoint::ToString() const {
  if (!unix_socket.empty()) return "unix:" + unix_socket;
  if (host.find(':') != std::string::npos) return "[" + host + "]:" + std::to_string(port);
  return host + ":" + std::to_string(port);
}

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
  context_->reader->fn = &reply_builders;
  if (redisSetTimeout(context_, ToTimeval(options_.command_timeout)) != REDIS_OK) {
    return DropWithError("cannot set timeout");
  }
  return core::Ok();
}

core::Result<RedisReply> RedisConnection::Command(const RedisCommand& argv) {
  auto replies = Pipeline({argv});
  if (!replies) return std::unexpected(replies.error());
  RedisReply& reply = replies->front();
  if (reply.is_error()) return core::Fail(core::ErrorCode::kInternal, "redis: " + reply.str);
  return std::move(reply);
}

core::Result<std::vector<RedisReply>> RedisConnection::Pipeline(
    const std::vector<RedisCommand>& commands) {
  if (auto s = EnsureConnected(); !s) return std::unexpected(s.error());
  for (const auto& argv : commands) AppendArgv(context_, argv);
  std::vector<RedisReply> replies;
  replies.reserve(commands.size());
  for (size_t i = 0; i < commands.size(); ++i) {
    void* raw = nullptr;
    if (redisGetReply(context_, &raw) != REDIS_OK || raw == nullptr) {
      return DropWithError("lost connection");
    }
    std::unique_ptr<RedisReply> reply(static_cast<RedisReply*>(raw));
    replies.push_back(std::move(*reply));
  }
  return replies;
}

RedisPool::RedisPool(RedisEndpoint endpoint, RedisOptions options)
    : endpoint_(std::move(endpoint)), options_(options) {
  if (options_.pool_size < 1) options_.pool_size = 1;
}

RedisPool::~RedisPool() = default;

RedisPool::Lease::~Lease() {
  if (connection_) pool_->Release(std::move(connection_));
}

RedisPool::Lease RedisPool::Acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [&] { return !idle_.empty() || created_ < options_.pool_size; });
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(connection));
  }
  ++created_;
  return Lease(this, std::make_unique<RedisConnection>(endpoint_, options_));
}

void RedisPool::Release(std::unique_ptr<RedisConnection> connection) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  available_.notify_one();
}

core::Result<std::string> RedisScript::Sha1(RedisConnection& connection, bool reload) const {
  std::lock_guard lock(mutex_);
  if (!sha1_.empty() && !reload) return sha1_;
  auto reply = connection.Command({"SCRIPT", "LOAD", source_});
  if (!reply) return std::unexpected(reply.error());
  sha1_ = reply->str;
  return sha1_;
}

core::Result<RedisCommand> RedisScript::EvalShaCommand(RedisConnection& connection,
                                                       const std::vector<std::string>& keys,
                                                       const std::vector<std::string>& args) const {
  auto sha = Sha1(connection, false);
  if (!sha) return std::unexpected(sha.error());
  RedisCommand argv{"EVALSHA", *sha, std::to_string(keys.size())};
  argv.insert(argv.end(), keys.begin(), keys.end());
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

core::Result<RedisReply> RedisScript::Run(RedisConnection& connection,
                                          const std::vector<std::string>& keys,
                                          const std::vector<std::string>& args) const {
  auto argv = EvalShaCommand(connection, keys, args);
  if (!argv) return std::unexpected(argv.error());
  auto reply = connection.Command(*argv);
  if (!reply && reply.error().message.find("NOSCRIPT") != std::string::npos) {
    if (auto sha = Sha1(connection, true); !sha) return std::unexpected(sha.error());
    argv = EvalShaCommand(connection, keys, args);
    if (!argv) return std::unexpected(argv.error());
    reply = connection.Command(*argv);
  }
  return reply;
}

core::Result<RedisReply> RedisScript::Run(RedisPool& pool, const std::vector<std::string>& keys,
                                          const std::vector<std::string>& args) const {
  auto lease = pool.Acquire();
  return Run(*lease, keys, args);
}

}  // namespace chansync::redis
