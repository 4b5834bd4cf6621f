#include "posting_route_match.h"

#include <vector>

namespace chansync::pos {
namespace {

std::vector<std::string> Segments(std::string_view path) {
  std::vector<std::string> segments;
  while (true) {
    const size_t slash = path.find('/');
    segments.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) return segments;
    path.remove_prefix(slash + 1);
  }
}

// spa/membership-payments, spa/orders/{order}/<event>, spa/vouchers/{voucher}/<moment>: POST only.
std::optional<MatchedRoute> MatchSpa(const std::vector<std::string>& s, MatchedRoute matched) {
  auto as = [&matched](PostingRoute route) {
    matched.route = route;
    return std::optional<MatchedRoute>(matched);
  };
  if (s.size() == 3 && s[2] == "membership-payments") {
    return as(PostingRoute::kSpaMembershipPayment);
  }
  if (s.size() != 5) return std::nullopt;
  const std::string& event = s[4];
  if (s[2] == "orders") {
    matched.order_id = s[3];
    if (event == "payments") return as(PostingRoute::kSpaPaymentTaken);
    if (event == "check-out") return as(PostingRoute::kSpaOrderCheckedOut);
    if (event == "refund") return as(PostingRoute::kSpaOrderRefunded);
  }
  if (s[2] == "vouchers") {
    matched.voucher_id = s[3];
    if (event == "sale") return as(PostingRoute::kVoucherSold);
    if (event == "redemption") return as(PostingRoute::kVoucherRedeemed);
    if (event == "service") return as(PostingRoute::kVoucherServed);
    if (event == "refund") return as(PostingRoute::kVoucherRefunded);
  }
  return std::nullopt;
}

std::optional<MatchedRoute> Match(std::string_view method, const std::vector<std::string>& s) {
  const bool get = method == "GET";
  const bool post = method == "POST";
  const std::string& resource = s[1];
  MatchedRoute matched{.route = PostingRoute::kSearchGuests, .property = s[0]};
  auto as = [&matched](PostingRoute route) {
    matched.route = route;
    return std::optional<MatchedRoute>(matched);
  };
  if (resource == "spa") return post ? MatchSpa(s, matched) : std::nullopt;
  if (s.size() == 2) {
    if (resource == "guests" && get) return as(PostingRoute::kSearchGuests);
    if (resource == "postings" && get) return as(PostingRoute::kListPostings);
    if (resource == "postings" && post) return as(PostingRoute::kSubmitPosting);
    if (resource == "tickets" && post) return as(PostingRoute::kSubmitTicket);
    return std::nullopt;
  }
  if (resource == "postings") {
    matched.posting_id = s[2];
    if (s.size() == 3 && get) return as(PostingRoute::kGetPosting);
    if (s.size() == 4 && post && s[3] == "void") return as(PostingRoute::kVoidPosting);
    if (s.size() == 4 && post && s[3] == "force") return as(PostingRoute::kForcePosting);
    return std::nullopt;
  }
  if (resource == "tickets" && s.size() == 5 && post && s[4] == "void") {
    matched.pos_id = s[2];
    matched.ticket_id = s[3];
    return as(PostingRoute::kVoidTicket);
  }
  return std::nullopt;
}

}  // namespace

std::optional<MatchedRoute> MatchPostingRoute(std::string_view method, std::string_view path) {
  if (!path.starts_with(kPropertiesPrefix)) return std::nullopt;
  path.remove_prefix(kPropertiesPrefix.size());
  const std::vector<std::string> segments = Segments(path);
  if (segments.size() < 2 || segments.size() > 5) return std::nullopt;
  for (const auto& segment : segments) {
    if (segment.empty()) return std::nullopt;
  }
  return Match(method, segments);
}

}  // namespace chansync::pos
