#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chansync/core/error.h"

namespace chansync::redis {

constexpr uint16_t kClusterSlots = 16384;

// The Redis Cluster slot of `key` (CRC16/XMODEM of the key modulo 16384). A key holding a hash
// tag, the text between its first '{' and the next '}' when that is not empty, hashes by the tag
// alone, so "{user1000}.following" and "{user1000}.followers" share a slot.
uint16_t KeySlot(std::string_view key);

// INTERNAL naming the first two keys that hash to different slots: Redis Cluster refuses a
// script or transaction whose keys do (CROSSSLOT). Fine for no keys or one.
core::Status CheckSameSlot(const std::vector<std::string>& keys);

}  // namespace chansync::redis
