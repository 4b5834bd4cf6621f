#pragma once

#include <string>
#include <vector>

#include "chansync/core/error.h"
#include "chansync/core/ids.h"

namespace chansync::core {

// A booking site that sells the property's products.
struct Channel {
  ChannelId id;
  std::string name;
  std::string planning_endpoint;  // where planning is pushed; empty = no push

  friend bool operator==(const Channel&, const Channel&) = default;
};

// A paid supplement sold with a channel product (linen, pet, cleaning...).
struct ChannelOption {
  ChannelOptionId id;
  std::string name;

  friend bool operator==(const ChannelOption&, const ChannelOption&) = default;
};

// An accommodation type as a channel sells it, with the options sold with it.
struct ChannelProduct {
  ChannelProductId id;
  std::string name;
  std::vector<ChannelOption> options;

  friend bool operator==(const ChannelProduct&, const ChannelProduct&) = default;
};

// A product (unit type) of the property's PMS.
struct PmsProduct {
  PmsProductId id;
  std::string name;
  int units = 0;  // how many physical units of this type the property has

  friend bool operator==(const PmsProduct&, const PmsProduct&) = default;
};

// A supplement known to the PMS; PMS options are property-wide.
struct PmsOption {
  PmsOptionId id;
  std::string name;

  friend bool operator==(const PmsOption&, const PmsOption&) = default;
};

// What the PMS sells for a property.
struct PmsCatalog {
  std::vector<PmsProduct> products;
  std::vector<PmsOption> options;

  friend bool operator==(const PmsCatalog&, const PmsCatalog&) = default;
};

// INVALID_ARGUMENT naming the field on bad ids or duplicates.
Status ValidateChannel(const Channel& channel);
Status ValidateChannelProducts(const std::vector<ChannelProduct>& products);
Status ValidatePmsCatalog(const PmsCatalog& catalog);

}  // namespace chansync::core
