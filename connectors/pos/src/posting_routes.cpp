#include "chansync/pos/posting_routes.h"

#include "chansync/pos/posting_wire.h"
#include "posting_route_match.h"
#include "spa_routes.h"

namespace chansync::pos {
namespace {

using channel::ErrorAnswer;
using channel::HttpAnswer;
using channel::HttpRequest;
using core::ErrorCode;

template <typename T, typename Encode>
HttpAnswer Answered(const core::Result<T>& result, int status, Encode encode) {
  if (!result) return ErrorAnswer(result.error());
  return {status, encode(*result)};
}

core::Result<std::string> RequiredQuery(const HttpRequest& request, std::string_view name) {
  const auto value = request.Query(name);
  if (!value || value->empty()) {
    return core::Fail(ErrorCode::kInvalidArgument, std::string(name) + ": is required");
  }
  return std::string(*value);
}

// The report's filter: absent or empty for every state.
core::Result<std::optional<postings::PostingState>> StateFilter(const HttpRequest& request) {
  const auto state = request.Query("state");
  if (!state || state->empty()) return std::optional<postings::PostingState>();
  auto parsed = postings::ParsePostingState(*state);
  if (!parsed) {
    return core::Fail(ErrorCode::kInvalidArgument, "state: must be pending, posted or failed");
  }
  return std::optional<postings::PostingState>(*parsed);
}

HttpAnswer ListPostings(postings::PostingDesk& desk, const MatchedRoute& route,
                        const HttpRequest& request) {
  auto day_text = RequiredQuery(request, "day");
  if (!day_text) return ErrorAnswer(day_text.error());
  auto day = core::CivilDate::Parse(*day_text);
  if (!day) return ErrorAnswer({ErrorCode::kInvalidArgument, "day: expected YYYY-MM-DD"});
  auto only = StateFilter(request);
  if (!only) return ErrorAnswer(only.error());
  return Answered(desk.Day(route.property, *day, *only), 200, wire::EncodeDayReport);
}

HttpAnswer SearchGuests(postings::PostingDesk& desk, const MatchedRoute& route,
                        const HttpRequest& request) {
  auto text = RequiredQuery(request, "search");
  if (!text) return ErrorAnswer(text.error());
  return Answered(desk.SearchGuests(route.property, *text), 200, wire::EncodeGuests);
}

HttpAnswer SubmitPosting(postings::PostingDesk& desk, const MatchedRoute& route,
                         const HttpRequest& request) {
  if (auto refused = channel::RefuseUnlessJson(request)) return std::move(*refused);
  auto posting = wire::DecodePosting(request.body, route.property);
  if (!posting) return ErrorAnswer(posting.error());
  return Answered(desk.Submit(std::move(*posting)), 202, wire::EncodeAccepted);
}

HttpAnswer SubmitTicket(postings::PostingDesk& desk, const MatchedRoute& route,
                        const HttpRequest& request) {
  if (auto refused = channel::RefuseUnlessJson(request)) return std::move(*refused);
  auto ticket = wire::DecodeTicket(request.body, route.property);
  if (!ticket) return ErrorAnswer(ticket.error());
  return Answered(desk.SubmitTicket(*ticket), 202, wire::EncodeAcceptedList);
}

HttpAnswer Route(postings::PostingDesk& desk, const MatchedRoute& route,
                 const HttpRequest& request) {
  switch (route.route) {
    case PostingRoute::kSearchGuests:
      return SearchGuests(desk, route, request);
    case PostingRoute::kSubmitPosting:
      return SubmitPosting(desk, route, request);
    case PostingRoute::kSubmitTicket:
      return SubmitTicket(desk, route, request);
    case PostingRoute::kGetPosting:
      return Answered(desk.Get(route.property, route.posting_id), 200, wire::EncodeRecord);
    case PostingRoute::kListPostings:
      return ListPostings(desk, route, request);
    case PostingRoute::kVoidPosting:
      return Answered(desk.Void(route.property, route.posting_id), 202, wire::EncodeAccepted);
    case PostingRoute::kVoidTicket:
      return Answered(desk.VoidTicket(route.property, route.pos_id, route.ticket_id), 202,
                      wire::EncodeAcceptedList);
    case PostingRoute::kForcePosting:
      return Answered(desk.Force(route.property, route.posting_id), 200, wire::EncodeRecord);
    case PostingRoute::kSpaPaymentTaken:
    case PostingRoute::kSpaOrderCheckedOut:
    case PostingRoute::kSpaOrderRefunded:
    case PostingRoute::kSpaMembershipPayment:
    case PostingRoute::kVoucherSold:
    case PostingRoute::kVoucherRedeemed:
    case PostingRoute::kVoucherServed:
    case PostingRoute::kVoucherRefunded:
      return AnswerSpaEvent(desk, route, request);
  }
  return ErrorAnswer({ErrorCode::kInternal, "unrouted postings request"});
}

}  // namespace

bool PostingRoutes::Serves(std::string_view path) const {
  return path.starts_with(kPropertiesPrefix);
}

HttpAnswer PostingRoutes::Answer(const HttpRequest& request) const {
  const auto route = MatchPostingRoute(request.method, request.path);
  if (!route) {
    return ErrorAnswer({ErrorCode::kNotFound, "no such route"});
  }
  if (authorize_) {
    if (auto allowed = authorize_(request.Header("Authorization"), route->route, route->property);
        !allowed) {
      return ErrorAnswer(allowed.error());
    }
  }
  if (desk_ == nullptr) {
    return ErrorAnswer(
        {ErrorCode::kUnimplemented, "this server does not serve postings (no postings engine)"});
  }
  return Route(*desk_, *route, request);
}

}  // namespace chansync::pos
