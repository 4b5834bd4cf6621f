#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/postings/posting_desk.h"

// The JSON of the postings HTTP API (docs/postings-api.md), both directions. Decoders take a
// request body from outside: they never throw, refuse with INVALID_ARGUMENT naming the field
// ("target.kind: must be stay or account"), accept unknown extra fields and take the property
// from the path (a body naming another one is refused). They check the wire form; the domain's
// rules (ValidatePosting, ChargesOfTicket) are the desk's. Encoders never fail.
namespace chansync::pos::wire {

// {"kind": "charge"|"payment", "amount_minor_units": 1250, "currency": "EUR",
//  "tip_minor_units": 0, "revenue_centre": "bar" | "payment_type": "card",
//  "business_date": "YYYY-MM-DD" (optional: now), "source": {"pos_id", "ticket_id", "line"},
//  "target": {"kind": "stay"|"account", "id"}, "voids": "<posting id>" (optional)}
core::Result<postings::Posting> DecodePosting(std::string_view json,
                                              const core::PropertyId& property);
// The same form plus "id" and "property", which the decoder ignores and checks respectively.
std::string EncodePosting(const postings::Posting& posting);

// {"pos_id", "ticket_id", "currency", "business_date" (optional), "target": {...},
//  "lines": [{"revenue_centre", "amount_minor_units"}], "charged_minor_units" (optional: the
//  whole ticket), "tip_minor_units" (optional)}
core::Result<postings::RoomChargeTicket> DecodeTicket(std::string_view json,
                                                      const core::PropertyId& property);
std::string EncodeTicket(const postings::RoomChargeTicket& ticket);

std::string EncodeGuests(const std::vector<postings::InHouseStay>& guests);
std::string EncodeAccepted(const postings::PostingAccepted& accepted);
std::string EncodeAcceptedList(const std::vector<postings::PostingAccepted>& accepted);
std::string EncodeRecord(const postings::PostingRecord& record);
std::string EncodeDayReport(const postings::DayReport& report);

}  // namespace chansync::pos::wire
