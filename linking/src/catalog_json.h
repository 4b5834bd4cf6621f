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

// A property's PMS token as it sits in the record: absent, readable (`pms.credentials`, as
// written before tokens were sealed, or by a service told to keep them plain) or sealed
// (`pms.sealed_credentials`, TokenCipher::Seal).
struct StoredToken {
  enum class Form { kNone, kPlain, kSealed };
  Form form = Form::kNone;
  std::string text;
};

// A property record: the property without its token (`pms.credentials` empty) and the token
// as stored.
struct StoredProperty {
  core::Property property;
  StoredToken token;
};

// Writes `property` with `token` in place of `property.pms.credentials`, which is ignored.
std::string EncodeProperty(const core::Property& property, const StoredToken& token);
core::Result<StoredProperty> DecodeProperty(std::string_view json);

std::string EncodeChannel(const core::Channel& channel);
core::Result<core::Channel> DecodeChannel(std::string_view json);

std::string EncodeChannelProducts(const std::vector<core::ChannelProduct>& products);
core::Result<std::vector<core::ChannelProduct>> DecodeChannelProducts(std::string_view json);

std::string EncodePmsCatalog(const core::PmsCatalog& catalog);
core::Result<core::PmsCatalog> DecodePmsCatalog(std::string_view json);

}  // namespace chansync::linking
