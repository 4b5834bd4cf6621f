#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "chansync/pos/posting_authorizer.h"

namespace chansync::pos {

inline constexpr std::string_view kPropertiesPrefix = "/v1/properties/";

// A request's route and the parts of its path: the property, and the posting id, the point of
// sale and ticket, the spa order or the voucher its route names (empty otherwise).
struct MatchedRoute {
  PostingRoute route;
  std::string property;
  std::string posting_id;
  std::string pos_id;
  std::string ticket_id;
  std::string order_id;
  std::string voucher_id;
};

// nullopt for a path or method that is no postings route. No segment may be empty.
std::optional<MatchedRoute> MatchPostingRoute(std::string_view method, std::string_view path);

}  // namespace chansync::pos
