#include "chansync/core/catalog.h"

#include <set>

namespace chansync::core {
namespace {

template <typename Item>
Status ValidateUniqueIds(std::string_view field, const std::vector<Item>& items) {
  std::set<std::string_view> seen;
  for (const auto& item : items) {
    if (auto s = ValidateId(field, item.id); !s) return s;
    if (!seen.insert(item.id).second) {
      return Fail(ErrorCode::kInvalidArgument,
                  std::string(field) + " \"" + item.id + "\" is declared twice");
    }
  }
  return Ok();
}

}  // namespace

Status ValidateChannel(const Channel& channel) {
  if (auto s = ValidateId("channel.id", channel.id); !s) return s;
  if (channel.name.empty()) return Fail(ErrorCode::kInvalidArgument, "channel.name is required");
  return Ok();
}

Status ValidateChannelProducts(const std::vector<ChannelProduct>& products) {
  if (auto s = ValidateUniqueIds("channel_product.id", products); !s) return s;
  for (const auto& product : products) {
    if (auto s = ValidateUniqueIds("channel_option.id", product.options); !s) return s;
  }
  return Ok();
}

Status ValidatePmsCatalog(const PmsCatalog& catalog) {
  if (auto s = ValidateUniqueIds("pms_product.id", catalog.products); !s) return s;
  for (const auto& product : catalog.products) {
    if (product.units < 0) {
      return Fail(ErrorCode::kInvalidArgument,
                  "pms_product.units of \"" + product.id + "\" must not be negative");
    }
  }
  return ValidateUniqueIds("pms_option.id", catalog.options);
}

}  // namespace chansync::core
