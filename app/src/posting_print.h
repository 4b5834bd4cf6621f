#pragma once

#include <cstdint>
#include <string>

#include "chansync/v1/postings.pb.h"

namespace chansync::app {

// 1250 EUR → "12.50 EUR": the currency's ISO 4217 minor unit (2 digits but for the few
// currencies with 0 or 3), never a float.
std::string FormatAmount(int64_t minor_units, const std::string& currency);

// The tables the postings commands print.
void PrintDayReport(const v1::DayReport& report);
void PrintPostingRecord(const v1::PostingRecord& record);
void PrintGuests(const v1::SearchGuestsResponse& response);
void PrintEndOfDay(const v1::EndOfDaySummary& summary);
void PrintPostingSetup(const v1::PostingSetup& setup);

}  // namespace chansync::app
