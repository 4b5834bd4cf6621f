#include "posting_cli_requests.h"

#include "chansync/core/civil_date.h"

namespace chansync::app {
namespace {

using core::ErrorCode;

core::Status CheckDate(const std::string& option, const std::string& text) {
  if (core::CivilDate::Parse(text)) return core::Ok();
  return core::Fail(ErrorCode::kInvalidArgument,
                    "--" + option + " takes a date as YYYY-MM-DD, got \"" + text + "\"");
}

// "NAME=VALUE": both sides non-empty.
core::Result<std::pair<std::string, std::string>> SplitAssignment(const std::string& option,
                                                                  const std::string& text,
                                                                  std::string_view form) {
  const size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == text.size()) {
    return core::Fail(ErrorCode::kInvalidArgument,
                      "--" + option + " takes " + std::string(form) + ", got \"" + text + "\"");
  }
  return std::pair{text.substr(0, equals), text.substr(equals + 1)};
}

core::Status ApplySwitch(const Args& args, const std::string& option,
                         void (v1::PostingSetup::*set)(bool), v1::PostingSetup& setup) {
  const auto value = args.Get(option);
  if (!value) return core::Ok();
  if (*value != "on" && *value != "off") {
    return core::Fail(ErrorCode::kInvalidArgument,
                      "--" + option + " takes on or off, got \"" + *value + "\"");
  }
  (setup.*set)(*value == "on");
  return core::Ok();
}

}  // namespace

core::Result<v1::ListPostingsRequest> ListPostingsRequestOf(const Args& args) {
  v1::ListPostingsRequest request;
  ASSIGN_OR_RETURN(*request.mutable_property_id(), args.Require("property"));
  ASSIGN_OR_RETURN(*request.mutable_business_date(), args.Require("day"));
  RETURN_IF_ERROR(CheckDate("day", request.business_date()));
  request.set_state(args.Has("failed") ? v1::POSTING_STATE_FAILED : v1::POSTING_STATE_UNSPECIFIED);
  return request;
}

core::Result<v1::RunEndOfDayRequest> EndOfDayRequestOf(const Args& args) {
  v1::RunEndOfDayRequest request;
  ASSIGN_OR_RETURN(*request.mutable_property_id(), args.Require("property"));
  if (auto day = args.Get("day")) {
    RETURN_IF_ERROR(CheckDate("day", *day));
    request.set_business_date(*day);
  }
  return request;
}

core::Result<v1::SearchGuestsRequest> SearchGuestsRequestOf(const Args& args) {
  v1::SearchGuestsRequest request;
  ASSIGN_OR_RETURN(*request.mutable_property_id(), args.Require("property"));
  ASSIGN_OR_RETURN(*request.mutable_text(), args.Require("search"));
  return request;
}

core::Result<std::pair<std::string, std::string>> PostingIdOf(const Args& args) {
  ASSIGN_OR_RETURN(std::string property, args.Require("property"));
  if (args.positionals().size() != 1 || args.positionals()[0].empty()) {
    return core::Fail(ErrorCode::kInvalidArgument, "expected one posting id, e.g. bar:T1001:1");
  }
  return std::pair{std::move(property), args.positionals()[0]};
}

bool ChangesPostingSetup(const Args& args) {
  for (const char* option : {"closing", "revenue-centre", "payment-type", "post-prepayments",
                             "reverse-deposit-on-checkout", "post-offline-membership-payments"}) {
    if (args.Has(option)) return true;
  }
  return false;
}

core::Status ApplyPostingSetupArgs(const Args& args, v1::PostingSetup& setup) {
  if (auto closing = args.Get("closing")) setup.set_closing_time(*closing);
  for (const std::string& text : args.GetAll("revenue-centre")) {
    ASSIGN_OR_RETURN(const auto centre,
                     SplitAssignment("revenue-centre", text, "NAME=OUTLET:CODE"));
    const size_t colon = centre.second.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == centre.second.size()) {
      return core::Fail(ErrorCode::kInvalidArgument,
                        "--revenue-centre takes NAME=OUTLET:CODE, got \"" + text + "\"");
    }
    v1::SalesOutlet& outlet = (*setup.mutable_revenue_centres())[centre.first];
    outlet.set_outlet(centre.second.substr(0, colon));
    outlet.set_transaction_code(centre.second.substr(colon + 1));
  }
  for (const std::string& text : args.GetAll("payment-type")) {
    ASSIGN_OR_RETURN(const auto type, SplitAssignment("payment-type", text, "NAME=SELECTOR"));
    (*setup.mutable_payment_types())[type.first] = type.second;
  }
  RETURN_IF_ERROR(
      ApplySwitch(args, "post-prepayments", &v1::PostingSetup::set_post_prepayments, setup));
  RETURN_IF_ERROR(ApplySwitch(args, "reverse-deposit-on-checkout",
                              &v1::PostingSetup::set_reverse_deposit_on_checkout, setup));
  RETURN_IF_ERROR(ApplySwitch(args, "post-offline-membership-payments",
                              &v1::PostingSetup::set_post_offline_membership_payments, setup));
  return core::Ok();
}

}  // namespace chansync::app
