#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "chansync/linking/link_registry.h"
#include "chansync/linking/link_store.h"

namespace chansync::linking {

// Lookups over one LinkSnapshot. Holds pointers into the snapshot, which must outlive it.
class LinkIndex {
 public:
  explicit LinkIndex(const LinkSnapshot& snapshot);

  const ProductLink* FindProduct(std::string_view channel, std::string_view channel_product) const;
  const OptionLink* FindOption(std::string_view channel, std::string_view channel_product,
                               std::string_view channel_option) const;
  // The option links inside one product link.
  std::vector<OptionLink> OptionsOf(std::string_view channel,
                                    std::string_view channel_product) const;
  // The channel products linked to `pms_product`, sorted by channel then product.
  std::vector<ChannelProductRef> HoldersOf(std::string_view pms_product) const;

 private:
  const LinkSnapshot& snapshot_;
  // Ids cannot contain '|' (core::ValidateId), so joined ids are unambiguous keys.
  std::map<std::string, const ProductLink*, std::less<>> products_;
  std::map<std::string, const OptionLink*, std::less<>> options_;
};

std::string JoinIds(std::string_view a, std::string_view b);
std::string JoinIds(std::string_view a, std::string_view b, std::string_view c);

}  // namespace chansync::linking
