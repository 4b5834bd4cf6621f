#include "link_index.h"

#include <algorithm>
#include <tuple>

namespace chansync::linking {

std::string JoinIds(std::string_view a, std::string_view b) {
  std::string key;
  key.reserve(a.size() + b.size() + 1);
  key.append(a).append("|").append(b);
  return key;
}

std::string JoinIds(std::string_view a, std::string_view b, std::string_view c) {
  return JoinIds(JoinIds(a, b), c);
}

LinkIndex::LinkIndex(const LinkSnapshot& snapshot) : snapshot_(snapshot) {
  for (const auto& link : snapshot.products) {
    products_.emplace(JoinIds(link.channel, link.channel_product), &link);
  }
  for (const auto& link : snapshot.options) {
    options_.emplace(JoinIds(link.channel, link.channel_product, link.channel_option), &link);
  }
}

const ProductLink* LinkIndex::FindProduct(std::string_view channel,
                                          std::string_view channel_product) const {
  auto it = products_.find(JoinIds(channel, channel_product));
  return it == products_.end() ? nullptr : it->second;
}

const OptionLink* LinkIndex::FindOption(std::string_view channel, std::string_view channel_product,
                                        std::string_view channel_option) const {
  auto it = options_.find(JoinIds(channel, channel_product, channel_option));
  return it == options_.end() ? nullptr : it->second;
}

std::vector<OptionLink> LinkIndex::OptionsOf(std::string_view channel,
                                             std::string_view channel_product) const {
  std::vector<OptionLink> out;
  for (const auto& link : snapshot_.options) {
    if (link.channel == channel && link.channel_product == channel_product) out.push_back(link);
  }
  return out;
}

std::vector<ChannelProductRef> LinkIndex::HoldersOf(std::string_view pms_product) const {
  std::vector<ChannelProductRef> out;
  for (const auto& link : snapshot_.products) {
    if (link.pms_product == pms_product) out.push_back({link.channel, link.channel_product});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.channel, a.product) < std::tie(b.channel, b.product);
  });
  return out;
}

}  // namespace chansync::linking
