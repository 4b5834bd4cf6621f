#pragma once

#include <string>
#include <string_view>

#include "chansync/core/error.h"
#include "chansync/fias/record.h"

namespace chansync::fias {

inline constexpr char kStx = 0x02;  // starts a frame
inline constexpr char kEtx = 0x03;  // ends it
inline constexpr char kSeparator = '|';

// Reads the body of one frame (what lies between STX and ETX, already in UTF-8):
// `TT|F1value|F2value|...`, where TT is two capital letters and each field is a 2-character id
// (printable ASCII: "RN", "P#", "T1") followed by its value. The last field's `|` may be missing
// and empty fields (`||`) are skipped. A body that is only `TT` is a record without fields.
// INVALID_ARGUMENT naming what is wrong: a body shorter than its record id, a record id that is
// not two capital letters, no `|` after it, a field shorter than its id.
core::Result<Record> ParseRecord(std::string_view body);

// Writes `TT|F1value|F2value|` (no STX/ETX: see Frame). A value cannot carry the separator or a
// control character on the wire, so `|`, STX, ETX, CR and LF in a value are written as spaces.
std::string EncodeRecord(const Record& record);

// STX + body + ETX.
std::string Frame(std::string_view body);

}  // namespace chansync::fias
