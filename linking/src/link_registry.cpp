#include "chansync/linking/link_registry.h"

#include <algorithm>
#include <string>

#include "link_index.h"
#include "registry_support.h"

namespace chansync::linking {

using core::ErrorCode;
using core::Fail;

LinkRegistry::LinkRegistry(PropertyStore& properties, LinkStore& links)
    : properties_(properties), links_(links) {}

core::Result<ProductBoard> LinkRegistry::Products(const core::PropertyId& property,
                                                  const std::optional<core::ChannelId>& channel) {
  RETURN_IF_ERROR(ValidateIds({{"property", property}}));
  ASSIGN_OR_RETURN(auto record, properties_.GetProperty(property));
  std::vector<core::ChannelId> channels;
  if (channel) {
    RETURN_IF_ERROR(ValidateIds({{"channel", *channel}}));
    channels.push_back(*channel);
  } else {
    ASSIGN_OR_RETURN(channels, properties_.ListPropertyChannels(property));
  }
  ASSIGN_OR_RETURN(auto catalog, properties_.GetPmsCatalog(property));
  ASSIGN_OR_RETURN(auto snapshot, links_.Load(property));
  const LinkIndex index(snapshot);

  ProductBoard board;
  board.multi_link = record.multi_link;
  for (const auto& channel_id : channels) {
    ASSIGN_OR_RETURN(auto products, properties_.GetChannelProducts(property, channel_id));
    for (auto& product : products) {
      ChannelProductState state{.channel = channel_id, .product = std::move(product)};
      if (const auto* link = index.FindProduct(channel_id, state.product.id)) {
        state.pms_product = link->pms_product;
      }
      for (const auto& option : state.product.options) {
        ChannelOptionState option_state{.option = option};
        if (const auto* link = index.FindOption(channel_id, state.product.id, option.id)) {
          option_state.pms_option = link->pms_option;
        }
        state.options.push_back(std::move(option_state));
      }
      board.channel_products.push_back(std::move(state));
    }
  }
  for (auto& product : catalog.products) {
    PmsProductState state{.product = std::move(product)};
    state.linked_to = index.HoldersOf(state.product.id);
    state.selectable = board.multi_link || state.linked_to.empty();
    board.pms_products.push_back(std::move(state));
  }
  return board;
}

core::Result<ProductLink> LinkRegistry::LinkProduct(const core::PropertyId& property,
                                                    const core::ChannelId& channel,
                                                    const core::ChannelProductId& channel_product,
                                                    const core::PmsProductId& pms_product) {
  RETURN_IF_ERROR(ValidateIds({{"property", property},
                               {"channel", channel},
                               {"channel_product", channel_product},
                               {"pms_product", pms_product}}));
  const ProductLink link{channel, channel_product, pms_product};
  return RetryOnConflict(property, kMaxAttempts, [&]() -> core::Result<ProductLink> {
    // The snapshot is loaded before anything is read from the property store; DisableMultiLink
    // and PruneVanishedLinks rely on that order (see there).
    ASSIGN_OR_RETURN(auto snapshot, links_.Load(property));
    ASSIGN_OR_RETURN(auto record, properties_.GetProperty(property));
    ASSIGN_OR_RETURN(auto products, properties_.GetChannelProducts(property, channel));
    if (!FindById(products, channel_product)) {
      return Fail(ErrorCode::kNotFound, DescribeChannelProduct(channel, channel_product) +
                                            " is not sold for property " + Quote(property));
    }
    ASSIGN_OR_RETURN(auto catalog, properties_.GetPmsCatalog(property));
    if (!FindById(catalog.products, pms_product)) {
      return Fail(ErrorCode::kNotFound, "PMS product " + Quote(pms_product) +
                                            " is not in the PMS catalog of property " +
                                            Quote(property));
    }
    const LinkIndex index(snapshot);
    if (const auto* current = index.FindProduct(channel, channel_product)) {
      return Fail(ErrorCode::kProductAlreadyLinked,
                  DescribeChannelProduct(channel, channel_product) +
                      " is already linked to PMS product " + Quote(current->pms_product));
    }
    if (!record.multi_link) {
      if (auto holders = index.HoldersOf(pms_product); !holders.empty()) {
        return Fail(ErrorCode::kPmsProductAlreadyLinked,
                    "PMS product " + Quote(pms_product) + " is already linked to " +
                        DescribeChannelProduct(holders.front().channel, holders.front().product) +
                        " and multi-link is off for property " + Quote(property));
      }
    }
    RETURN_IF_ERROR(links_.Apply(property, snapshot.version, LinkChange{.put_products = {link}}));
    return link;
  });
}

core::Result<int> LinkRegistry::UnlinkProduct(const core::PropertyId& property,
                                              const core::ChannelId& channel,
                                              const core::ChannelProductId& channel_product) {
  RETURN_IF_ERROR(ValidateIds(
      {{"property", property}, {"channel", channel}, {"channel_product", channel_product}}));
  RETURN_IF_ERROR(properties_.GetProperty(property));
  return RetryOnConflict(property, kMaxAttempts, [&]() -> core::Result<int> {
    ASSIGN_OR_RETURN(auto snapshot, links_.Load(property));
    const LinkIndex index(snapshot);
    const auto* link = index.FindProduct(channel, channel_product);
    if (!link) {
      return Fail(ErrorCode::kNotFound,
                  DescribeChannelProduct(channel, channel_product) + " is not linked");
    }
    LinkChange change{.remove_products = {*link},
                      .remove_options = index.OptionsOf(channel, channel_product)};
    const int removed_options = static_cast<int>(change.remove_options.size());
    RETURN_IF_ERROR(links_.Apply(property, snapshot.version, change));
    return removed_options;
  });
}

core::Result<OptionBoard> LinkRegistry::Options(const core::PropertyId& property,
                                                const core::ChannelId& channel,
                                                const core::ChannelProductId& channel_product) {
  RETURN_IF_ERROR(ValidateIds(
      {{"property", property}, {"channel", channel}, {"channel_product", channel_product}}));
  ASSIGN_OR_RETURN(auto products, properties_.GetChannelProducts(property, channel));
  const auto* product = FindById(products, channel_product);
  if (!product) {
    return Fail(ErrorCode::kNotFound, DescribeChannelProduct(channel, channel_product) +
                                          " is not sold for property " + Quote(property));
  }
  ASSIGN_OR_RETURN(auto snapshot, links_.Load(property));
  const LinkIndex index(snapshot);
  const auto* link = index.FindProduct(channel, channel_product);
  if (!link) {
    return Fail(ErrorCode::kProductNotLinked, DescribeChannelProduct(channel, channel_product) +
                                                  " is not linked to a PMS product");
  }
  ASSIGN_OR_RETURN(auto catalog, properties_.GetPmsCatalog(property));

  OptionBoard board{.link = *link};
  const auto option_links = index.OptionsOf(channel, channel_product);
  for (const auto& option : product->options) {
    ChannelOptionState state{.option = option};
    if (const auto* option_link = index.FindOption(channel, channel_product, option.id)) {
      state.pms_option = option_link->pms_option;
    }
    board.channel_options.push_back(std::move(state));
  }
  for (auto& option : catalog.options) {
    PmsOptionState state{.option = std::move(option)};
    for (const auto& option_link : option_links) {
      if (option_link.pms_option == state.option.id) state.linked_to = option_link.channel_option;
    }
    board.pms_options.push_back(std::move(state));
  }
  return board;
}

core::Result<OptionLink> LinkRegistry::LinkOption(const core::PropertyId& property,
                                                  const core::ChannelId& channel,
                                                  const core::ChannelProductId& channel_product,
                                                  const core::ChannelOptionId& channel_option,
                                                  const core::PmsOptionId& pms_option) {
  RETURN_IF_ERROR(ValidateIds({{"property", property},
                               {"channel", channel},
                               {"channel_product", channel_product},
                               {"channel_option", channel_option},
                               {"pms_option", pms_option}}));
  const OptionLink link{channel, channel_product, channel_option, pms_option};
  const std::string option_name = "channel option " + Quote(channel_option) + " of " +
                                  DescribeChannelProduct(channel, channel_product);
  return RetryOnConflict(property, kMaxAttempts, [&]() -> core::Result<OptionLink> {
    ASSIGN_OR_RETURN(auto snapshot, links_.Load(property));
    ASSIGN_OR_RETURN(auto products, properties_.GetChannelProducts(property, channel));
    const auto* product = FindById(products, channel_product);
    if (!product) {
      return Fail(ErrorCode::kNotFound, DescribeChannelProduct(channel, channel_product) +
                                            " is not sold for property " + Quote(property));
    }
    if (!FindById(product->options, channel_option)) {
      return Fail(ErrorCode::kNotFound, option_name + " does not exist");
    }
    const LinkIndex index(snapshot);
    if (!index.FindProduct(channel, channel_product)) {
      return Fail(ErrorCode::kProductNotLinked, DescribeChannelProduct(channel, channel_product) +
                                                    " is not linked to a PMS product");
    }
    ASSIGN_OR_RETURN(auto catalog, properties_.GetPmsCatalog(property));
    if (!FindById(catalog.options, pms_option)) {
      return Fail(ErrorCode::kNotFound, "PMS option " + Quote(pms_option) +
                                            " is not in the PMS catalog of property " +
                                            Quote(property));
    }
    if (const auto* current = index.FindOption(channel, channel_product, channel_option)) {
      return Fail(ErrorCode::kOptionAlreadyLinked,
                  option_name + " is already linked to PMS option " + Quote(current->pms_option));
    }
    for (const auto& other : index.OptionsOf(channel, channel_product)) {
      if (other.pms_option == pms_option) {
        return Fail(ErrorCode::kPmsOptionAlreadyLinked,
                    "PMS option " + Quote(pms_option) + " is already linked to channel option " +
                        Quote(other.channel_option) + " of " +
                        DescribeChannelProduct(channel, channel_product));
      }
    }
    RETURN_IF_ERROR(links_.Apply(property, snapshot.version, LinkChange{.put_options = {link}}));
    return link;
  });
}

core::Status LinkRegistry::UnlinkOption(const core::PropertyId& property,
                                        const core::ChannelId& channel,
                                        const core::ChannelProductId& channel_product,
                                        const core::ChannelOptionId& channel_option) {
  RETURN_IF_ERROR(ValidateIds({{"property", property},
                               {"channel", channel},
                               {"channel_product", channel_product},
                               {"channel_option", channel_option}}));
  RETURN_IF_ERROR(properties_.GetProperty(property));
  return RetryOnConflict(property, kMaxAttempts, [&]() -> core::Status {
    ASSIGN_OR_RETURN(auto snapshot, links_.Load(property));
    const LinkIndex index(snapshot);
    const auto* link = index.FindOption(channel, channel_product, channel_option);
    if (!link) {
      return Fail(ErrorCode::kNotFound, "channel option " + Quote(channel_option) + " of " +
                                            DescribeChannelProduct(channel, channel_product) +
                                            " is not linked");
    }
    return links_.Apply(property, snapshot.version, LinkChange{.remove_options = {*link}});
  });
}

core::Result<Resolution> LinkRegistry::Resolve(const core::Reservation& reservation) {
  if (auto valid = ValidateIds({{"reservation.property", reservation.property},
                                {"reservation.channel", reservation.channel},
                                {"reservation.product", reservation.product}});
      !valid) {
    return Fail(ErrorCode::kInvalidReservation, valid.error().message);
  }
  // One load (one HGETALL on Redis). No cache: a cache keyed by version still needs a round
  // trip to learn the current version, so it would save only the parsing, while a cache
  // trusted without that round trip would resolve against unlinked products.
  ASSIGN_OR_RETURN(auto snapshot, links_.Load(reservation.property));
  return ResolveIn(snapshot, reservation);
}

core::Result<std::vector<LinkSnapshot>> LinkRegistry::Snapshots(
    const std::vector<core::PropertyId>& properties) {
  return links_.LoadMany(properties);
}

core::Result<Resolution> LinkRegistry::ResolveIn(const LinkSnapshot& links,
                                                 const core::Reservation& reservation) {
  if (auto valid = ValidateIds({{"reservation.property", reservation.property},
                                {"reservation.channel", reservation.channel},
                                {"reservation.product", reservation.product}});
      !valid) {
    return Fail(ErrorCode::kInvalidReservation, valid.error().message);
  }
  // Linear scans: a reservation carries a handful of options, so an index would cost more
  // than it saves.
  const LinkSnapshot* snapshot = &links;
  const auto product = std::find_if(
      snapshot->products.begin(), snapshot->products.end(), [&](const ProductLink& link) {
        return link.channel == reservation.channel && link.channel_product == reservation.product;
      });
  if (product == snapshot->products.end()) {
    return Fail(ErrorCode::kProductNotLinked,
                DescribeChannelProduct(reservation.channel, reservation.product) +
                    " is not linked to a PMS product for property " + Quote(reservation.property));
  }
  Resolution resolution{.pms_product = product->pms_product};
  resolution.options.reserve(reservation.options.size());
  for (const auto& line : reservation.options) {
    const auto option = std::find_if(
        snapshot->options.begin(), snapshot->options.end(), [&](const OptionLink& link) {
          return link.channel == reservation.channel &&
                 link.channel_product == reservation.product && link.channel_option == line.option;
        });
    if (option == snapshot->options.end()) {
      return Fail(ErrorCode::kOptionNotLinked,
                  "channel option " + Quote(line.option) + " of " +
                      DescribeChannelProduct(reservation.channel, reservation.product) +
                      " is not linked to a PMS option for property " + Quote(reservation.property));
    }
    resolution.options.push_back({.pms_option = option->pms_option, .quantity = line.quantity});
  }
  return resolution;
}

}  // namespace chansync::linking
