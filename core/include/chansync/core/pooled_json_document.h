#pragma once

// For .cpp files that parse JSON: it includes rapidjson, so no header should include it.

#include <rapidjson/document.h>

#include <cstddef>
#include <memory>

namespace chansync::core {

namespace detail {
// Base-from-member: the pool must exist before, and die after, the document that uses it.
struct JsonPoolOwner {
  explicit JsonPoolOwner(size_t chunk_bytes)
      : pool(std::make_unique<rapidjson::MemoryPoolAllocator<>>(chunk_bytes)) {}
  std::unique_ptr<rapidjson::MemoryPoolAllocator<>> pool;
};
}  // namespace detail

// A rapidjson::Document whose nodes come from chunks of a few kilobytes. A default Document
// takes its first chunk of 64 KiB, which jemalloc serves from the arena, under a lock, with
// its page purging, instead of from the thread cache: on the worker path that cost more than
// the parsing. Movable (the pool stays where it is), so functions can return it.
class PooledJsonDocument : private detail::JsonPoolOwner, public rapidjson::Document {
 public:
  static constexpr size_t kChunkBytes = 8 * 1024;

  PooledJsonDocument() : JsonPoolOwner(kChunkBytes), rapidjson::Document(pool.get()) {}
  PooledJsonDocument(PooledJsonDocument&&) = default;
  PooledJsonDocument& operator=(PooledJsonDocument&&) = delete;
};

}  // namespace chansync::core
