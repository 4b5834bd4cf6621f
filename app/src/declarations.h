#pragma once

#include <string>
#include <vector>

#include "chansync/core/catalog.h"
#include "chansync/core/error.h"
#include "chansync/core/property.h"

namespace chansync::linking {
class PropertyStore;
class LinkRegistry;
}  // namespace chansync::linking

namespace chansync::app {

// A declarations file (see deploy/local/riviera.json): channels, and per property its settings,
// its PMS catalog, what each channel sells and the links to make.
struct DeclaredLink {
  core::ChannelId channel;
  core::ChannelProductId channel_product;
  core::PmsProductId pms_product;
  std::vector<std::pair<core::ChannelOptionId, core::PmsOptionId>> options;
};

struct DeclaredProperty {
  core::Property property;
  core::PmsCatalog pms_catalog;
  std::vector<std::pair<core::ChannelId, std::vector<core::ChannelProduct>>> channel_products;
  std::vector<DeclaredLink> links;
};

struct Declarations {
  std::vector<core::Channel> channels;
  std::vector<DeclaredProperty> properties;
};

// INVALID_ARGUMENT naming the JSON path of the first bad field.
core::Result<Declarations> ParseDeclarations(const std::string& json);
core::Result<Declarations> LoadDeclarations(const std::string& path);

struct ApplyReport {
  int properties_created = 0;
  int channels_created = 0;
  int links_created = 0;
  std::vector<std::string> warnings;  // links that could not be made, with the reason
};

// Creates what is missing and never overwrites what an admin changed since: existing
// properties and channels are left as they are. A new property is created in classic mode and
// switched to its declared mode (pms when the file does not say) once its declared links are
// made; one left without any link stays classic, with a warning. Catalogs mirror the PMS and the
// channels, so they are replaced. A declared link is made only when both sides are free.
core::Result<ApplyReport> ApplyDeclarations(const Declarations& declarations,
                                            linking::PropertyStore& properties,
                                            linking::LinkRegistry& registry);

}  // namespace chansync::app
