#include "chansync/core/catalog.h"

#include <set>

namespace chansync::core {
namespace {

template <typename Item>
Status ValidateUniqueIds(std::string_view field, const std::vector<Item>& items) {
  std::set<std::string_view> seen;
  for (const auto& item : items) {
    RETURN_IF_ERROR(ValidateId(field, item.id));
    if (!seen.insert(item.id).second) {
      return Fail(ErrorCode::kInvalidArgument,
                  std::string(field) + " \"" + item.id + "\" is declared twice");
    }
  }
  return Ok();
}

}  // namespace

Status ValidateChannel(const Channel& channel) {
  RETURN_IF_ERROR(ValidateId("channel.id", channel.id));
  if (channel.name.empty()) return Fail(ErrorCode::kInvalidArgument, "channel.name is required");
  return Ok();
}

Status ValidateChannelProducts(const std::vector<ChannelProduct>& products) {
  RETURN_IF_ERROR(ValidateUniqueIds("channel_product.id", products));
  for (const auto& product : products) {
    RETURN_IF_ERROR(ValidateUniqueIds("channel_option.id", product.options));
  }
  return Ok();
}

Status ValidatePmsCatalog(const PmsCatalog& catalog) {
  RETURN_IF_ERROR(ValidateUniqueIds("pms_product.id", catalog.products));
  for (const auto& product : catalog.products) {
    if (product.units < 0) {
      return Fail(ErrorCode::kInvalidArgument,
                  "pms_product.units of \"" + product.id + "\" must not be negative");
    }
  }
  return ValidateUniqueIds("pms_option.id", catalog.options);
}

}  // namespace chansync::core
