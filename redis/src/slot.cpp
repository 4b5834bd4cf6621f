#include "chansync/redis/slot.h"

#include <array>

namespace chansync::redis {
namespace {

// CRC16/XMODEM (polynomial 0x1021, initial value 0), the variant the Cluster specification's
// key distribution model names.
constexpr std::array<uint16_t, 256> MakeCrc16Table() {
  std::array<uint16_t, 256> table{};
  for (uint32_t byte = 0; byte < 256; ++byte) {
    uint16_t crc = static_cast<uint16_t>(byte << 8);
    for (int bit = 0; bit < 8; ++bit) {
      crc = static_cast<uint16_t>((crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1);
    }
    table[byte] = crc;
  }
  return table;
}

constexpr std::array<uint16_t, 256> kCrc16Table = MakeCrc16Table();

uint16_t Crc16(std::string_view data) {
  uint16_t crc = 0;
  for (const char c : data) {
    const auto byte = static_cast<uint8_t>(c);
    crc = static_cast<uint16_t>((crc << 8) ^ kCrc16Table[((crc >> 8) ^ byte) & 0xff]);
  }
  return crc;
}

// The part of a key Cluster hashes: its hash tag if it has a non-empty one, else all of it.
std::string_view HashedPart(std::string_view key) {
  const size_t open = key.find('{');
  if (open == std::string_view::npos) return key;
  const size_t close = key.find('}', open + 1);
  if (close == std::string_view::npos || close == open + 1) return key;
  return key.substr(open + 1, close - open - 1);
}

}  // namespace

uint16_t KeySlot(std::string_view key) { return Crc16(HashedPart(key)) % kClusterSlots; }

core::Status CheckSameSlot(const std::vector<std::string>& keys) {
  if (keys.size() < 2) return core::Ok();
  const uint16_t first = KeySlot(keys.front());
  for (size_t i = 1; i < keys.size(); ++i) {
    if (const uint16_t slot = KeySlot(keys[i]); slot != first) {
      return core::Fail(core::ErrorCode::kInternal,
                        "keys of one call hash to different Cluster slots: \"" + keys.front() +
                            "\" (slot " + std::to_string(first) + ") and \"" + keys[i] +
                            "\" (slot " + std::to_string(slot) + ")");
    }
  }
  return core::Ok();
}

}  // namespace chansync::redis
