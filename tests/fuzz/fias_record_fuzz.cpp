// The FIAS record path (fias/): bytes off a TCP connection through the frame reader, the code
// page and the record parser. The first byte picks where the stream is cut in two reads; the
// frames must come out the same as from one read, none longer than the bound, the code page
// must not invent separators, and every record read must survive encode → parse.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "chansync/fias/code_page.h"
#include "chansync/fias/frame_reader.h"
#include "chansync/fias/record_codec.h"
#include "fuzz_target.h"
#include "round_trip.h"

namespace chansync::fuzz {
namespace {

// Small enough that the fuzzer reaches it.
constexpr size_t kMaxRecordBytes = 256;

std::vector<std::string> Show(const std::vector<core::Result<std::string>>& results) {
  std::vector<std::string> out;
  for (const auto& result : results) {
    if (result) {
      FUZZ_CHECK(result->size() <= kMaxRecordBytes, "a frame over the bound came out");
      out.push_back("+" + *result);
    } else {
      CheckRefusal(result.error(), core::ErrorCode::kInvalidArgument);
      out.push_back("!");
    }
  }
  return out;
}

void CheckRecord(std::string_view wire_body, const fias::CodePage& page) {
  const std::string body = page.FromWire(wire_body);
  FUZZ_CHECK(std::count(body.begin(), body.end(), '|') ==
                 std::count(wire_body.begin(), wire_body.end(), '|'),
             "the code page changed the separators: " + body);
  auto record = fias::ParseRecord(body);
  if (!record) return CheckRefusal(record.error(), core::ErrorCode::kInvalidArgument);
  const std::string encoded = fias::EncodeRecord(*record);
  auto again = fias::ParseRecord(encoded);
  FUZZ_CHECK(again.has_value(), "re-reading failed: " + encoded);
  FUZZ_CHECK(again->type() == record->type(), encoded);
  FUZZ_CHECK(again->fields().size() == record->fields().size(), "fields lost: " + encoded);
  FUZZ_CHECK(fias::EncodeRecord(*again) == encoded, "encoding is not stable: " + encoded);
}

void FuzzFiasRecord(std::string_view input) {
  static const fias::CodePage page = *fias::CodePage::Open(fias::CodePage::kDefaultName);
  const auto [selector, stream] = SplitSelector(input);
  const size_t cut = stream.empty() ? 0 : selector % (stream.size() + 1);

  fias::FrameReader whole(kMaxRecordBytes);
  const std::vector<std::string> at_once = Show(whole.Feed(stream));
  fias::FrameReader split(kMaxRecordBytes);
  std::vector<std::string> in_two = Show(split.Feed(stream.substr(0, cut)));
  for (std::string& frame : Show(split.Feed(stream.substr(cut)))) in_two.push_back(frame);
  FUZZ_CHECK(at_once == in_two, "two reads framed differently from one");
  FUZZ_CHECK(whole.bytes_outside_frames() == split.bytes_outside_frames(), "noise miscounted");

  for (const std::string& frame : at_once) {
    if (frame[0] == '+') CheckRecord(std::string_view(frame).substr(1), page);
  }
}

}  // namespace
}  // namespace chansync::fuzz

CHANSYNC_FUZZ_TARGET("fias_record", chansync::fuzz::FuzzFiasRecord)
