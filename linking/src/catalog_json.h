#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chansync/core/catalog.h"
#include "chansync/core/error.h"
#include "chansync/core/property.h"

namespace chansync::linking {

// JSON forms of the catalog records as RedisPropertyStore stores them. Decoding fails INTERNAL
// naming `what` when the stored text is not what Encode wrote; missing members keep defaults so
// records written before a field existed still load.
std::string EncodeProperty(const core::Property& property);
core::Result<core::Property> DecodeProperty(std::string_view json);

std::string EncodeChannel(const core::Channel& channel);
core::Result<core::Channel> DecodeChannel(std::string_view json);

std::string EncodeChannelProducts(const std::vector<core::ChannelProduct>& products);
core::Result<std::vector<core::ChannelProduct>> DecodeChannelProducts(std::string_view json);

std::string EncodePmsCatalog(const core::PmsCatalog& catalog);
core::Result<core::PmsCatalog> DecodePmsCatalog(std::string_view json);

}  // namespace chansync::linking
