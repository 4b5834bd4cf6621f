#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "chansync/core/error.h"
#include "chansync/postings/folio.h"

namespace chansync::postings {

// A till's search text, made comparable: ASCII letters lower-cased, digits kept, everything else
// (spaces, punctuation, bytes past ASCII) dropped. "Du-Pont" and "dupont" search alike.
std::string NormalizeSearch(std::string_view text);

// INVALID_ARGUMENT unless `text` is 1..64 bytes of text with at least one letter or digit.
core::Status ValidateSearch(std::string_view text);

// Whether `stay` matches a till search: the normalized text is a part of its normalized first
// name, last name, room or company ("dup" finds Dupont, "21" finds rooms 214 and 215).
bool MatchesSearch(const InHouseStay& stay, std::string_view text);

// Whether the till may see and charge `stay`: checked in, with charge transfers allowed.
bool IsChargeable(const InHouseStay& stay);

// STAY_NOT_CHARGEABLE saying why (not checked in / charge transfers off) unless IsChargeable.
core::Status CheckChargeable(const InHouseStay& stay);

// The stays a till search shows: chargeable and matching, by room then last name. A stay that
// is not chargeable does not appear at all.
std::vector<InHouseStay> FindChargeableGuests(std::span<const InHouseStay> stays,
                                              std::string_view text);

}  // namespace chansync::postings
