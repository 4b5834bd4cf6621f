#include "chansync/fias/record_codec.h"

namespace chansync::fias {
namespace {

bool IsRecordIdChar(char c) { return c >= 'A' && c <= 'Z'; }
bool IsFieldIdChar(char c) { return c > ' ' && c <= '~' && c != kSeparator; }

core::Status AppendField(std::string_view text, Record& record) {
  if (text.empty()) return core::Ok();
  if (text.size() < 2 || !IsFieldIdChar(text[0]) || !IsFieldIdChar(text[1])) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "record " + record.type() + ": field '" + std::string(text) +
                          "' does not start with a 2-character field id");
  }
  record.Append(std::string(text.substr(0, 2)), std::string(text.substr(2)));
  return core::Ok();
}

}  // namespace

core::Result<Record> ParseRecord(std::string_view body) {
  if (body.size() < 2) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "record of " + std::to_string(body.size()) + " bytes has no record id");
  }
  if (!IsRecordIdChar(body[0]) || !IsRecordIdChar(body[1])) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "record id is not two capital letters");
  }
  Record record{std::string(body.substr(0, 2))};
  if (body.size() == 2) return record;
  if (body[2] != kSeparator) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "record " + record.type() + ": no '|' after the record id");
  }
  std::string_view rest = body.substr(3);
  while (!rest.empty()) {
    const size_t end = rest.find(kSeparator);
    RETURN_IF_ERROR(AppendField(rest.substr(0, end), record));
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return record;
}

std::string EncodeRecord(const Record& record) {
  std::string out = record.type();
  out += kSeparator;
  for (const Field& field : record.fields()) {
    out += field.id;
    for (char c : field.value) {
      const bool breaks_framing =
          c == kSeparator || c == kStx || c == kEtx || c == '\r' || c == '\n';
      out += breaks_framing ? ' ' : c;
    }
    out += kSeparator;
  }
  return out;
}

std::string Frame(std::string_view body) {
  std::string out;
  out.reserve(body.size() + 2);
  out += kStx;
  out += body;
  out += kEtx;
  return out;
}

}  // namespace chansync::fias
