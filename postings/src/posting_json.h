#pragma once

#include <string>
#include <string_view>

#include "chansync/core/error.h"
#include "chansync/postings/mappings.h"
#include "chansync/postings/posting.h"
#include "chansync/postings/posting_desk.h"

// The JSON forms this folder stores: a posting (the queue's payload), its record, the set-up and
// an end-of-day record. They are written and read by chansync alone; decoders answer INTERNAL
// naming what they could not read, since a bad stored value is a bug or a damaged store.
namespace chansync::postings::json {

std::string EncodePosting(const Posting& posting);
core::Result<Posting> DecodePosting(std::string_view json);

std::string EncodeRecord(const PostingRecord& record);
core::Result<PostingRecord> DecodeRecord(std::string_view json);

std::string EncodeSetup(const PostingSetup& setup);
core::Result<PostingSetup> DecodeSetup(std::string_view json);

std::string EncodeEndOfDay(const EndOfDayRecord& record);
core::Result<EndOfDayRecord> DecodeEndOfDay(std::string_view json);

}  // namespace chansync::postings::json
