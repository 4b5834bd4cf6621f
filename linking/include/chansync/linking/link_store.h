#pragma once

#include <cstdint>
#include <vector>

#include "chansync/core/error.h"
#include "chansync/core/ids.h"

namespace chansync::linking {

// A channel product (of one channel) linked to a PMS product of the same property.
struct ProductLink {
  core::ChannelId channel;
  core::ChannelProductId channel_product;
  core::PmsProductId pms_product;

  friend bool operator==(const ProductLink&, const ProductLink&) = default;
};

// A channel option linked to a PMS option, inside the product link of its channel product.
struct OptionLink {
  core::ChannelId channel;
  core::ChannelProductId channel_product;
  core::ChannelOptionId channel_option;
  core::PmsOptionId pms_option;

  friend bool operator==(const OptionLink&, const OptionLink&) = default;
};

// Every link of one property at one version. Version 0 means nothing was ever applied.
struct LinkSnapshot {
  uint64_t version = 0;
  std::vector<ProductLink> products;
  std::vector<OptionLink> options;
};

// Removals are applied before puts. A product link is keyed by (channel, channel_product), an
// option link by (channel, channel_product, channel_option): a put replaces the link with the
// same key, a remove deletes it whatever it points to (and is a no-op when absent).
struct LinkChange {
  std::vector<ProductLink> put_products;
  std::vector<ProductLink> remove_products;
  std::vector<OptionLink> put_options;
  std::vector<OptionLink> remove_options;
};

// The link persistence port. It stores and versions links and enforces no rule: LinkRegistry
// checks the rules on a snapshot and commits with compare-and-set. Thread-safe. Any method may
// fail STORE_UNAVAILABLE (retry later) or INTERNAL (stored data unreadable).
class LinkStore {
 public:
  virtual ~LinkStore() = default;

  // The property's links and their version; empty at version 0 when it has none.
  virtual core::Result<LinkSnapshot> Load(const core::PropertyId& property) = 0;
  // Load of each property, in order, in one round trip. Fails as a whole (any error of Load).
  virtual core::Result<std::vector<LinkSnapshot>> LoadMany(
      const std::vector<core::PropertyId>& properties) = 0;
  // Applies `change` atomically iff the stored version is still `expected_version`, and bumps
  // the version (even for an empty change). CONFLICT when another writer got there first.
  virtual core::Status Apply(const core::PropertyId& property, uint64_t expected_version,
                             const LinkChange& change) = 0;
};

}  // namespace chansync::linking
