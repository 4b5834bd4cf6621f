#pragma once

#include <optional>
#include <vector>

#include "chansync/core/catalog.h"
#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/core/reservation.h"
#include "chansync/linking/link_store.h"
#include "chansync/linking/property_store.h"

namespace chansync::linking {

enum class LinkState { kFree, kLinked };

struct ChannelOptionState {
  core::ChannelOption option;
  std::optional<core::PmsOptionId> pms_option;  // set when linked
};

// A channel product as the admin sees it: free (green) or linked (red) to `pms_product`.
struct ChannelProductState {
  core::ChannelId channel;
  core::ChannelProduct product;
  std::optional<core::PmsProductId> pms_product;
  std::vector<ChannelOptionState> options;  // option links inside the product link, if any

  LinkState state() const { return pms_product ? LinkState::kLinked : LinkState::kFree; }
};

struct ChannelProductRef {
  core::ChannelId channel;
  core::ChannelProductId product;

  friend bool operator==(const ChannelProductRef&, const ChannelProductRef&) = default;
};

// A PMS product as the admin sees it: "already linked" (orange) when `linked_to` is not empty.
struct PmsProductState {
  core::PmsProduct product;
  std::vector<ChannelProductRef> linked_to;  // every channel of the property, sorted
  bool selectable = true;                    // false when linked and multi-link is off
};

struct ProductBoard {
  bool multi_link = false;
  std::vector<ChannelProductState> channel_products;  // by channel id, then as declared
  std::vector<PmsProductState> pms_products;          // as in the PMS catalog
};

struct PmsOptionState {
  core::PmsOption option;
  std::optional<core::ChannelOptionId> linked_to;  // within the board's product link
};

// The options of one effective product link.
struct OptionBoard {
  ProductLink link;
  std::vector<ChannelOptionState> channel_options;  // as declared on the channel product
  std::vector<PmsOptionState> pms_options;          // as in the PMS catalog
};

struct ResolvedOption {
  core::PmsOptionId pms_option;
  int quantity = 1;
};

// What a reservation becomes in the PMS.
struct Resolution {
  core::PmsProductId pms_product;
  std::vector<ResolvedOption> options;  // in the reservation's order
};

// The product and option linking rules of SPEC §1.2-1.3, on top of the two ports. Rules are
// checked on a LinkStore snapshot and committed with compare-and-set, retried a bounded number of
// times when another writer interleaves: of two admins linking the same item at once exactly one
// wins and the other gets the rule's error. Thread-safe; holds no state of its own, so any number
// of registries (in any number of processes) may share the same stores.
//
// Common errors: INVALID_ARGUMENT for malformed ids; NOT_FOUND naming an unknown property,
// channel, channel product or option, PMS product or option; STORE_UNAVAILABLE / INTERNAL from
// the stores; CONFLICT when the retries ran out under heavy contention (retry later).
class LinkRegistry {
 public:
  // Both stores must outlive the registry.
  LinkRegistry(PropertyStore& properties, LinkStore& links);

  // Every channel product (of `channel`, or of every channel of the property) with its link
  // state, and every PMS product with the channel products linked to it.
  core::Result<ProductBoard> Products(const core::PropertyId& property,
                                      const std::optional<core::ChannelId>& channel = std::nullopt);

  // PRODUCT_ALREADY_LINKED naming the current PMS product when the channel product is linked
  // (even to the same one); PMS_PRODUCT_ALREADY_LINKED naming the holder when the PMS product
  // is linked and the property's multi-link is off.
  core::Result<ProductLink> LinkProduct(const core::PropertyId& property,
                                        const core::ChannelId& channel,
                                        const core::ChannelProductId& channel_product,
                                        const core::PmsProductId& pms_product);
  // Removes the product link and its option links; returns how many option links went with it.
  // NOT_FOUND when the channel product is not linked.
  core::Result<int> UnlinkProduct(const core::PropertyId& property, const core::ChannelId& channel,
                                  const core::ChannelProductId& channel_product);

  // PRODUCT_NOT_LINKED when the channel product has no effective link.
  core::Result<OptionBoard> Options(const core::PropertyId& property,
                                    const core::ChannelId& channel,
                                    const core::ChannelProductId& channel_product);
  // Links an option of a linked channel product to a PMS option of the property's catalog.
  // PRODUCT_NOT_LINKED outside an effective product link; OPTION_ALREADY_LINKED /
  // PMS_OPTION_ALREADY_LINKED when either side is already linked within this product link.
  core::Result<OptionLink> LinkOption(const core::PropertyId& property,
                                      const core::ChannelId& channel,
                                      const core::ChannelProductId& channel_product,
                                      const core::ChannelOptionId& channel_option,
                                      const core::PmsOptionId& pms_option);
  // NOT_FOUND when the channel option is not linked.
  core::Status UnlinkOption(const core::PropertyId& property, const core::ChannelId& channel,
                            const core::ChannelProductId& channel_product,
                            const core::ChannelOptionId& channel_option);

  // Turns multi-link on or off for the property. Turning it off is refused
  // (PMS_PRODUCT_ALREADY_LINKED naming the product and its holders) while a PMS product is
  // linked to several channel products. Other property fields written concurrently through
  // PropertyStore::UpdateProperty may be lost: the property store has no compare-and-set.
  core::Status SetMultiLink(const core::PropertyId& property, bool enabled);

  // Replace what a channel sells / the PMS catalog, then remove the links (product and option)
  // whose channel or PMS side vanished. Returns how many links were removed. Errors as the
  // PropertyStore methods of the same name.
  core::Result<int> SetChannelProducts(const core::PropertyId& property,
                                       const core::ChannelId& channel,
                                       const std::vector<core::ChannelProduct>& products);
  core::Result<int> SetPmsCatalog(const core::PropertyId& property,
                                  const core::PmsCatalog& catalog);

  // The PMS product and options for a reservation, from the links alone (one LinkStore load).
  // PRODUCT_NOT_LINKED naming channel and product, or OPTION_NOT_LINKED naming channel, product
  // and option; INVALID_RESERVATION when the reservation's ids are malformed.
  core::Result<Resolution> Resolve(const core::Reservation& reservation);
  // For callers resolving many reservations at once: the links of several properties in one
  // store round trip (LinkStore::LoadMany), then ResolveIn on the matching snapshot, with the
  // same rules and errors as Resolve.
  core::Result<std::vector<LinkSnapshot>> Snapshots(
      const std::vector<core::PropertyId>& properties);
  static core::Result<Resolution> ResolveIn(const LinkSnapshot& links,
                                            const core::Reservation& reservation);

  // How many times a rule check is redone when its commit loses a compare-and-set.
  static constexpr int kMaxAttempts = 16;

 private:
  core::Result<int> PruneVanishedLinks(const core::PropertyId& property);
  core::Status DisableMultiLink(const core::PropertyId& property);

  PropertyStore& properties_;
  LinkStore& links_;
};

}  // namespace chansync::linking
