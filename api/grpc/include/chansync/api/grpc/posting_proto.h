#pragma once

#include <optional>
#include <vector>

#include "chansync/core/error.h"
#include "chansync/postings/posting_desk.h"
#include "chansync/v1/postings.pb.h"

namespace chansync::api {

// chansync.v1 postings messages <-> the postings domain, for PostingService and the CLI.
// Decoders fail with INVALID_ARGUMENT naming the field ("posting.amount.currency: ..."); they
// check the wire form only (enums set, dates as YYYY-MM-DD) and leave the domain's rules to the
// desk (ValidatePosting, ChargesOfTicket, ValidatePostingSetup). An empty business date reads
// as the default date, the desk's "now".

v1::Posting PostingToProto(const postings::Posting& posting);
core::Result<postings::Posting> PostingFromProto(const v1::Posting& posting);

core::Result<postings::RoomChargeTicket> TicketFromProto(const v1::SubmitTicketRequest& request);

v1::PostingState PostingStateToProto(postings::PostingState state);
// UNSPECIFIED: nullopt (every state).
core::Result<std::optional<postings::PostingState>> PostingStateFilterFromProto(
    v1::PostingState state);

v1::PostingKind PostingKindToProto(postings::PostingKind kind);
v1::Guest GuestToProto(const postings::InHouseStay& stay);
v1::PostingAcceptance AcceptanceToProto(const postings::PostingAccepted& accepted);
v1::PostingAcceptances AcceptancesToProto(const std::vector<postings::PostingAccepted>& accepted);
v1::PostingRecord PostingRecordToProto(const postings::PostingRecord& record);
v1::DayReport DayReportToProto(const postings::DayReport& report);
v1::EndOfDaySummary EndOfDayToProto(const postings::EndOfDayRecord& record);

v1::PostingSetup PostingSetupToProto(const postings::PostingSetup& setup);
core::Result<postings::PostingSetup> PostingSetupFromProto(const v1::PostingSetup& setup);

// `field` names the target in errors ("posting.target" -> "posting.target.kind: ...").
core::Result<postings::PostingTarget> TargetFromProto(std::string_view field,
                                                      const v1::PostingTarget& target);
v1::PostingTarget TargetToProto(const postings::PostingTarget& target);

// A request's optional business date: empty is nullopt, else YYYY-MM-DD.
core::Result<std::optional<core::CivilDate>> OptionalDateFromProto(std::string_view field,
                                                                   const std::string& text);

}  // namespace chansync::api
