#include "chansync/auth/cached_pairing.h"

namespace chansync::auth {

std::optional<bool> CachedPairing::PairsIfKnown(const core::PropertyId& property,
                                                const core::ChannelId& channel) {
  return answers_.Find({property, channel});
}

core::Result<bool> CachedPairing::Pairs(const core::PropertyId& property,
                                        const core::ChannelId& channel) {
  if (auto known = PairsIfKnown(property, channel)) return *known;
  const uint64_t generation = answers_.Generation();
  ASSIGN_OR_RETURN(const bool paired, source_.Pairs(property, channel));
  answers_.Keep({property, channel}, paired, generation);
  return paired;
}

}  // namespace chansync::auth
