#include <charconv>
#include <cstdint>

#include "chansync/queue/work_queue.h"

namespace chansync::queue {
namespace {

bool IsDecimal(std::string_view text) {
  if (text.empty() || text.size() > 20) return false;
  uint64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && ptr == text.data() + text.size();
}

}  // namespace

std::string FormatTrackingId(int shard, std::string_view entry_id) {
  return std::to_string(shard) + "/" + std::string(entry_id);
}

bool IsValidEntryId(std::string_view entry_id) {
  const auto dash = entry_id.find('-');
  if (dash == std::string_view::npos) return false;
  return IsDecimal(entry_id.substr(0, dash)) && IsDecimal(entry_id.substr(dash + 1));
}

core::Result<TrackingId> ParseTrackingId(std::string_view text) {
  const auto bad = [&] {
    return core::Fail(
        core::ErrorCode::kInvalidArgument,
        "tracking id must look like \"<shard>/<ms>-<seq>\", got \"" + std::string(text) + "\"");
  };
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return bad();
  const std::string_view shard_text = text.substr(0, slash);
  TrackingId id;
  auto [ptr, ec] =
      std::from_chars(shard_text.data(), shard_text.data() + shard_text.size(), id.shard);
  if (shard_text.empty() || ec != std::errc() || ptr != shard_text.data() + shard_text.size() ||
      id.shard < 0) {
    return bad();
  }
  id.entry_id = std::string(text.substr(slash + 1));
  if (!IsValidEntryId(id.entry_id)) return bad();
  return id;
}

int ShardFor(std::string_view shard_key, int shards) {
  if (shards <= 1) return 0;
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : shard_key) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return static_cast<int>(hash % static_cast<uint64_t>(shards));
}

}  // namespace chansync::queue
