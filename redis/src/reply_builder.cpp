#include "reply_builder.h"

#include <hiredis/hiredis.h>

#include <algorithm>
#include <new>

#include "chansync/redis/reply.h"

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

}  // namespace

void BuildRedisReplies(redisContext* context) { context->reader->fn = &reply_builders; }

}  // namespace chansync::redis
