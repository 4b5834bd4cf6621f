#pragma once

struct redisContext;

namespace chansync::redis {

// Makes hiredis's parser build RedisReply trees on `context`: each reply read from it is a
// heap-allocated RedisReply the reader of redisGetReplyFromReader owns.
void BuildRedisReplies(redisContext* context);

}  // namespace chansync::redis
