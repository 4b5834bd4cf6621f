#include <algorithm>
#include <map>
#include <string>

#include "chansync/linking/link_registry.h"
#include "link_index.h"
#include "registry_support.h"

namespace chansync::linking {
namespace {

using core::ErrorCode;
using core::Fail;

// PMS_PRODUCT_ALREADY_LINKED naming the first PMS product linked to several channel products.
core::Status RefuseMultiplyLinked(const core::PropertyId& property, const LinkSnapshot& snapshot) {
  std::map<std::string, std::vector<const ProductLink*>> holders;
  for (const auto& link : snapshot.products) holders[link.pms_product].push_back(&link);
  for (const auto& [pms_product, links] : holders) {
    if (links.size() < 2) continue;
    std::string names;
    for (const auto* link : links) {
      if (!names.empty()) names += ", ";
      names += DescribeChannelProduct(link->channel, link->channel_product);
    }
    return Fail(ErrorCode::kPmsProductAlreadyLinked,
                "cannot turn multi-link off for property " + Quote(property) + ": PMS product " +
                    Quote(pms_product) + " is linked to " + names);
  }
  return core::Ok();
}

}  // namespace

core::Status LinkRegistry::SetMultiLink(const core::PropertyId& property, bool enabled) {
  RETURN_IF_ERROR(ValidateIds({{"property", property}}));
  if (!enabled) return DisableMultiLink(property);
  ASSIGN_OR_RETURN(auto record, properties_.GetProperty(property));
  if (record.multi_link) return core::Ok();
  record.multi_link = true;
  return properties_.UpdateProperty(record);
}

// Why this is race-free without a second copy of the flag in the link store:
// LinkProduct loads its snapshot (version v_L) *before* it reads the flag, and commits with
// Apply(v_L). Here the flag is written off at time t_off and the link version is then bumped
// by an Apply on a version whose snapshot passed the check.
// - A LinkProduct that read the flag as on read it before t_off, so v_L is at most the version
//   current at t_off.
// - If it commits before our successful bump, its commit changed the version after we read
//   the snapshot we bump from (our bump would then conflict) or before it (our check saw it).
// - If it tries to commit after our bump, the version has moved past v_L: it gets CONFLICT,
//   retries, and reads the flag as off.
// So when the bump succeeds, no multiple link exists and none can appear. When it conflicts we
// re-check a fresh snapshot and bump again; a multiple link found then was committed by a
// linker that saw the flag on, so the flag is restored to on (never unsafe) and we fail.
core::Status LinkRegistry::DisableMultiLink(const core::PropertyId& property) {
  ASSIGN_OR_RETURN(auto snapshot, links_.Load(property));
  RETURN_IF_ERROR(RefuseMultiplyLinked(property, snapshot));
  ASSIGN_OR_RETURN(auto record, properties_.GetProperty(property));
  if (!record.multi_link) return core::Ok();
  record.multi_link = false;
  RETURN_IF_ERROR(properties_.UpdateProperty(record));

  // On any failure after the flag went off, put it back on: that is always consistent with the
  // links, whereas off might not be.
  auto restore = [&](core::Error error) -> core::Status {
    auto current = properties_.GetProperty(property);
    core::Status restored = current ? core::Ok() : core::Status(std::unexpected(current.error()));
    if (current && !current->multi_link) {
      current->multi_link = true;
      restored = properties_.UpdateProperty(*current);
    }
    if (!restored) {
      error.message += "; multi-link could not be turned back on (" + restored.error().ToString() +
                       "), turn it on again";
    }
    return std::unexpected(std::move(error));
  };
  uint64_t version = snapshot.version;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    auto bumped = links_.Apply(property, version, LinkChange{});
    if (bumped) return core::Ok();
    if (bumped.error().code != ErrorCode::kConflict) return restore(bumped.error());
    auto fresh = links_.Load(property);
    if (!fresh) return restore(fresh.error());
    if (auto fine = RefuseMultiplyLinked(property, *fresh); !fine) return restore(fine.error());
    version = fresh->version;
  }
  return restore(
      {ErrorCode::kConflict, "links of property " + Quote(property) + " kept changing; try again"});
}

core::Result<int> LinkRegistry::SetChannelProducts(
    const core::PropertyId& property, const core::ChannelId& channel,
    const std::vector<core::ChannelProduct>& products) {
  RETURN_IF_ERROR(properties_.SetChannelProducts(property, channel, products));
  return PruneVanishedLinks(property);
}

core::Result<int> LinkRegistry::SetPmsCatalog(const core::PropertyId& property,
                                              const core::PmsCatalog& catalog) {
  RETURN_IF_ERROR(properties_.SetPmsCatalog(property, catalog));
  return PruneVanishedLinks(property);
}

// Runs after the catalog was replaced. The commit bumps the version even when nothing is
// removed: a LinkOption or LinkProduct that read the old catalog loaded its snapshot before that
// read, so either its commit is visible to our load (and pruned here) or it conflicts with our
// bump and re-checks against the new catalog.
core::Result<int> LinkRegistry::PruneVanishedLinks(const core::PropertyId& property) {
  return RetryOnConflict(property, kMaxAttempts, [&]() -> core::Result<int> {
    ASSIGN_OR_RETURN(auto snapshot, links_.Load(property));
    ASSIGN_OR_RETURN(auto catalog, properties_.GetPmsCatalog(property));
    std::map<core::ChannelId, std::vector<core::ChannelProduct>> sold;
    for (const auto& link : snapshot.products) {
      if (sold.contains(link.channel)) continue;
      ASSIGN_OR_RETURN(auto products, properties_.GetChannelProducts(property, link.channel));
      sold.emplace(link.channel, std::move(products));
    }

    LinkChange change;
    const LinkIndex index(snapshot);
    for (const auto& link : snapshot.products) {
      if (!FindById(sold[link.channel], link.channel_product) ||
          !FindById(catalog.products, link.pms_product)) {
        change.remove_products.push_back(link);
      }
    }
    for (const auto& link : snapshot.options) {
      const auto product_link = index.FindProduct(link.channel, link.channel_product);
      const auto* product = FindById(sold[link.channel], link.channel_product);
      const bool product_gone =
          !product_link || std::find(change.remove_products.begin(), change.remove_products.end(),
                                     *product_link) != change.remove_products.end();
      if (product_gone || !FindById(product->options, link.channel_option) ||
          !FindById(catalog.options, link.pms_option)) {
        change.remove_options.push_back(link);
      }
    }
    const int removed =
        static_cast<int>(change.remove_products.size() + change.remove_options.size());
    RETURN_IF_ERROR(links_.Apply(property, snapshot.version, change));
    return removed;
  });
}

}  // namespace chansync::linking
