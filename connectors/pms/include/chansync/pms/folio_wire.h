#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/postings/folio.h"
#include "chansync/postings/folio_pms.h"

// The JSON bodies of the folio side of the PMS contract (docs/pms-api.md, "Folios and
// postings"), both directions, shared by the client and the simulator. Encoders never fail;
// decoders fail with INVALID_ARGUMENT naming the field and accept unknown extra fields.
namespace chansync::pms::wire {

std::string EncodeStay(const postings::InHouseStay& stay);
core::Result<postings::InHouseStay> DecodeStay(std::string_view json);
std::string EncodeStays(const std::vector<postings::InHouseStay>& stays);
core::Result<std::vector<postings::InHouseStay>> DecodeStays(std::string_view json);

std::string EncodeFolios(const std::vector<postings::Folio>& folios);
core::Result<std::vector<postings::Folio>> DecodeFolios(std::string_view json);

std::string EncodeBusinessDate(core::CivilDate date);
core::Result<core::CivilDate> DecodeBusinessDate(std::string_view json);

// The idempotency key travels in a header: it is left out here and left empty by the decoder.
// The property travels in the path: the decoder fills it from `property`.
std::string EncodePostingRequest(const postings::PmsPostingRequest& request);
core::Result<postings::PmsPostingRequest> DecodePostingRequest(std::string_view json,
                                                               std::string_view property);

std::string EncodePostingReceipt(const postings::PmsPostingReceipt& receipt);
core::Result<postings::PmsPostingReceipt> DecodePostingReceipt(std::string_view json);

// The key travels in a header, as for postings.
std::string EncodeRevenueSummary(const postings::RevenueSummary& summary);
core::Result<postings::RevenueSummary> DecodeRevenueSummary(std::string_view json);
std::string EncodeRevenueSummaries(const std::vector<postings::RevenueSummary>& summaries);

}  // namespace chansync::pms::wire
