#include "chansync/pms/folio_wire.h"

#include <cstdint>

#include "chansync/core/json_fields.h"
#include "chansync/core/json_parse.h"

namespace chansync::pms::wire {
namespace {

using core::ErrorCode;
using core::Fail;
using core::Result;
using core::json::Find;
using core::json::Key;
using core::json::String;
using core::json::Text;
using core::json::Writer;
using postings::Folio;
using postings::InHouseStay;

// Every decoder below reports "<field>: <why>" as INVALID_ARGUMENT.
constexpr core::json::FieldReader kReader(ErrorCode::kInvalidArgument);

void WriteString(Writer& w, std::string_view key, std::string_view value) {
  Key(w, key);
  String(w, value);
}

void WriteMoney(Writer& w, std::string_view key, const core::Money& money) {
  Key(w, key);
  w.StartObject();
  Key(w, "amount");
  w.Int64(money.minor_units);
  WriteString(w, "currency", money.currency);
  w.EndObject();
}

Result<int64_t> ReadInt64(const rapidjson::Value& object, const char* key, bool required) {
  const rapidjson::Value* value = Find(object, key);
  if (value == nullptr || value->IsNull()) {
    if (required) return kReader.Invalid(key, "is required");
    return int64_t{0};
  }
  if (!value->IsInt64()) return kReader.Invalid(key, "must be an integer");
  return value->GetInt64();
}

Result<bool> ReadBool(const rapidjson::Value& object, const char* key, bool fallback) {
  const rapidjson::Value* value = Find(object, key);
  if (value == nullptr || value->IsNull()) return fallback;
  if (!value->IsBool()) return kReader.Invalid(key, "must be true or false");
  return value->GetBool();
}

Result<core::CivilDate> ReadDate(const rapidjson::Value& object, const char* key) {
  ASSIGN_OR_RETURN(auto text, kReader.String(object, key, /*required=*/true));
  auto date = core::CivilDate::Parse(text);
  if (!date) return kReader.Invalid(key, date.error().message);
  return *date;
}

Result<const rapidjson::Value*> ReadObject(const rapidjson::Value& object, const char* key) {
  const rapidjson::Value* value = Find(object, key);
  if (value == nullptr || !value->IsObject()) return kReader.Invalid(key, "must be an object");
  return value;
}

// Absent: zero in `currency` (a tip left out). Present: {"amount", "currency"}.
Result<core::Money> ReadMoney(const rapidjson::Value& object, const char* key, bool required) {
  const rapidjson::Value* value = Find(object, key);
  if (value == nullptr || value->IsNull()) {
    if (required) return kReader.Invalid(key, "is required");
    return core::Money{};
  }
  if (!value->IsObject()) return kReader.Invalid(key, "must be {\"amount\", \"currency\"}");
  ASSIGN_OR_RETURN(auto amount, ReadInt64(*value, "amount", true));
  ASSIGN_OR_RETURN(auto currency, kReader.String(*value, "currency", true));
  auto money = core::Money::Make(amount, currency);
  if (!money) return kReader.Invalid(key, money.error().message);
  return *money;
}

template <typename Item, typename Read>
Result<std::vector<Item>> ReadArray(const rapidjson::Value& object, const char* key, Read read) {
  const rapidjson::Value* array = Find(object, key);
  if (array == nullptr || !array->IsArray()) return kReader.Invalid(key, "must be an array");
  std::vector<Item> items;
  for (rapidjson::SizeType i = 0; i < array->Size(); ++i) {
    const rapidjson::Value& entry = (*array)[i];
    if (!entry.IsObject()) return kReader.Invalid(key, "entries must be objects");
    auto item = read(entry);
    if (!item) {
      return kReader.Invalid(std::string(key) + "[" + std::to_string(i) + "]",
                             item.error().message);
    }
    items.push_back(std::move(*item));
  }
  return items;
}

template <typename Encode>
std::string Encoded(Encode encode) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  encode(w);
  return Text(buffer);
}

template <typename Decode>
auto Decoded(std::string_view json, Decode decode) -> decltype(decode(rapidjson::Value())) {
  ASSIGN_OR_RETURN(auto doc, core::json::ParseObject(json));
  return decode(doc);
}

void WriteStayObject(Writer& w, const InHouseStay& stay) {
  w.StartObject();
  WriteString(w, "id", stay.id);
  WriteString(w, "first_name", stay.first_name);
  WriteString(w, "last_name", stay.last_name);
  WriteString(w, "room", stay.room);
  WriteString(w, "company", stay.company);
  WriteString(w, "state", postings::CheckInStateName(stay.state));
  Key(w, "charge_transfers_allowed");
  w.Bool(stay.charge_transfers_allowed);
  WriteString(w, "arrival", stay.dates.arrival.ToString());
  WriteString(w, "departure", stay.dates.departure.ToString());
  WriteString(w, "folio_id", stay.folio_id);
  w.EndObject();
}

Result<InHouseStay> ReadStay(const rapidjson::Value& object) {
  InHouseStay stay;
  ASSIGN_OR_RETURN(stay.id, kReader.String(object, "id", true));
  ASSIGN_OR_RETURN(stay.first_name, kReader.String(object, "first_name", false));
  ASSIGN_OR_RETURN(stay.last_name, kReader.String(object, "last_name", true));
  ASSIGN_OR_RETURN(stay.room, kReader.String(object, "room", false));
  ASSIGN_OR_RETURN(stay.company, kReader.String(object, "company", false));
  ASSIGN_OR_RETURN(auto state_text, kReader.String(object, "state", true));
  auto state = postings::ParseCheckInState(state_text);
  if (!state) return kReader.Invalid("state", state.error().message);
  stay.state = *state;
  ASSIGN_OR_RETURN(stay.charge_transfers_allowed,
                   ReadBool(object, "charge_transfers_allowed", true));
  ASSIGN_OR_RETURN(auto arrival, ReadDate(object, "arrival"));
  ASSIGN_OR_RETURN(auto departure, ReadDate(object, "departure"));
  auto dates = core::Stay::Make(arrival, departure);
  if (!dates) return kReader.Invalid("departure", dates.error().message);
  stay.dates = *dates;
  ASSIGN_OR_RETURN(stay.folio_id, kReader.String(object, "folio_id", true));
  return stay;
}

Result<Folio> ReadFolio(const rapidjson::Value& object) {
  Folio folio;
  ASSIGN_OR_RETURN(folio.id, kReader.String(object, "id", true));
  ASSIGN_OR_RETURN(auto kind_text, kReader.String(object, "kind", true));
  auto kind = postings::ParseFolioKind(kind_text);
  if (!kind) return kReader.Invalid("kind", kind.error().message);
  folio.kind = *kind;
  ASSIGN_OR_RETURN(folio.name, kReader.String(object, "name", false));
  ASSIGN_OR_RETURN(folio.stay_id, kReader.String(object, "stay_id", false));
  ASSIGN_OR_RETURN(folio.balance, ReadMoney(object, "balance", true));
  return folio;
}

void WriteCode(Writer& w, const postings::PmsCode& code) {
  if (!code.outlet.empty()) WriteString(w, "outlet", code.outlet);
  if (!code.transaction_code.empty()) WriteString(w, "transaction_code", code.transaction_code);
  if (!code.payment_selector.empty()) WriteString(w, "payment_selector", code.payment_selector);
}

Result<postings::PmsCode> ReadCode(const rapidjson::Value& object) {
  postings::PmsCode code;
  ASSIGN_OR_RETURN(code.outlet, kReader.String(object, "outlet", false));
  ASSIGN_OR_RETURN(code.transaction_code, kReader.String(object, "transaction_code", false));
  ASSIGN_OR_RETURN(code.payment_selector, kReader.String(object, "payment_selector", false));
  return code;
}

Result<postings::PostingSource> ReadSource(const rapidjson::Value& object) {
  ASSIGN_OR_RETURN(const rapidjson::Value* source, ReadObject(object, "source"));
  postings::PostingSource read;
  ASSIGN_OR_RETURN(read.pos_id, kReader.String(*source, "pos_id", true));
  ASSIGN_OR_RETURN(read.ticket_id, kReader.String(*source, "ticket_id", true));
  ASSIGN_OR_RETURN(auto line, ReadInt64(*source, "line", true));
  if (line < 1 || line > postings::kMaxLine) return kReader.Invalid("source.line", "is 1..9999");
  read.line = static_cast<int>(line);
  return read;
}

Result<postings::PostingTarget> ReadTarget(const rapidjson::Value& object) {
  ASSIGN_OR_RETURN(const rapidjson::Value* target, ReadObject(object, "target"));
  ASSIGN_OR_RETURN(auto kind_text, kReader.String(*target, "kind", true));
  auto kind = postings::ParseTargetKind(kind_text);
  if (!kind) return kReader.Invalid("target.kind", kind.error().message);
  ASSIGN_OR_RETURN(auto id, kReader.String(*target, "id", true));
  return postings::PostingTarget{*kind, std::move(id)};
}

void WriteSummaryObject(Writer& w, const postings::RevenueSummary& summary) {
  w.StartObject();
  WriteString(w, "business_date", summary.business_date.ToString());
  Key(w, "lines");
  w.StartArray();
  for (const auto& line : summary.lines) {
    w.StartObject();
    WriteString(w, "pos_id", line.pos_id);
    WriteString(w, "revenue_centre", line.revenue_centre);
    WriteCode(w, line.code);
    WriteMoney(w, "amount", line.amount);
    WriteMoney(w, "tips", {line.tip_minor_units, line.amount.currency});
    Key(w, "postings");
    w.Int64(line.postings);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

Result<postings::RevenueSummaryLine> ReadSummaryLine(const rapidjson::Value& object) {
  postings::RevenueSummaryLine line;
  ASSIGN_OR_RETURN(line.pos_id, kReader.String(object, "pos_id", true));
  ASSIGN_OR_RETURN(line.revenue_centre, kReader.String(object, "revenue_centre", true));
  ASSIGN_OR_RETURN(line.code, ReadCode(object));
  ASSIGN_OR_RETURN(line.amount, ReadMoney(object, "amount", true));
  ASSIGN_OR_RETURN(auto tips, ReadMoney(object, "tips", false));
  line.tip_minor_units = tips.minor_units;
  ASSIGN_OR_RETURN(line.postings, ReadInt64(object, "postings", false));
  return line;
}

}  // namespace

std::string EncodeStay(const InHouseStay& stay) {
  return Encoded([&](Writer& w) { WriteStayObject(w, stay); });
}

Result<InHouseStay> DecodeStay(std::string_view json) { return Decoded(json, ReadStay); }

std::string EncodeStays(const std::vector<InHouseStay>& stays) {
  return Encoded([&](Writer& w) {
    w.StartObject();
    Key(w, "stays");
    w.StartArray();
    for (const auto& stay : stays) WriteStayObject(w, stay);
    w.EndArray();
    w.EndObject();
  });
}

Result<std::vector<InHouseStay>> DecodeStays(std::string_view json) {
  return Decoded(json, [](const rapidjson::Value& doc) {
    return ReadArray<InHouseStay>(doc, "stays", ReadStay);
  });
}

std::string EncodeFolios(const std::vector<Folio>& folios) {
  return Encoded([&](Writer& w) {
    w.StartObject();
    Key(w, "folios");
    w.StartArray();
    for (const auto& folio : folios) {
      w.StartObject();
      WriteString(w, "id", folio.id);
      WriteString(w, "kind", postings::FolioKindName(folio.kind));
      WriteString(w, "name", folio.name);
      if (!folio.stay_id.empty()) WriteString(w, "stay_id", folio.stay_id);
      WriteMoney(w, "balance", folio.balance);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  });
}

Result<std::vector<Folio>> DecodeFolios(std::string_view json) {
  return Decoded(
      json, [](const rapidjson::Value& doc) { return ReadArray<Folio>(doc, "folios", ReadFolio); });
}

std::string EncodeBusinessDate(core::CivilDate date) {
  return Encoded([&](Writer& w) {
    w.StartObject();
    WriteString(w, "business_date", date.ToString());
    w.EndObject();
  });
}

Result<core::CivilDate> DecodeBusinessDate(std::string_view json) {
  return Decoded(json, [](const rapidjson::Value& doc) { return ReadDate(doc, "business_date"); });
}

std::string EncodePostingRequest(const postings::PmsPostingRequest& request) {
  const postings::Posting& posting = request.posting;
  return Encoded([&](Writer& w) {
    w.StartObject();
    WriteString(w, "kind", postings::PostingKindName(posting.kind));
    Key(w, "target");
    w.StartObject();
    WriteString(w, "kind", postings::TargetKindName(posting.target.kind));
    WriteString(w, "id", posting.target.id);
    w.EndObject();
    WriteMoney(w, "amount", posting.amount);
    WriteMoney(w, "tip", {posting.tip_minor_units, posting.amount.currency});
    WriteString(w, "business_date", posting.business_date.ToString());
    if (!posting.revenue_centre.empty()) WriteString(w, "revenue_centre", posting.revenue_centre);
    if (!posting.payment_type.empty()) WriteString(w, "payment_type", posting.payment_type);
    WriteCode(w, request.code);
    Key(w, "source");
    w.StartObject();
    WriteString(w, "pos_id", posting.source.pos_id);
    WriteString(w, "ticket_id", posting.source.ticket_id);
    Key(w, "line");
    w.Int(posting.source.line);
    w.EndObject();
    if (!posting.voids.empty()) WriteString(w, "voids", posting.voids);
    w.EndObject();
  });
}

Result<postings::PmsPostingRequest> DecodePostingRequest(std::string_view json,
                                                         std::string_view property) {
  return Decoded(json, [&](const rapidjson::Value& doc) -> Result<postings::PmsPostingRequest> {
    postings::PmsPostingRequest request;
    postings::Posting& posting = request.posting;
    posting.property = std::string(property);
    ASSIGN_OR_RETURN(auto kind_text, kReader.String(doc, "kind", true));
    auto kind = postings::ParsePostingKind(kind_text);
    if (!kind) return kReader.Invalid("kind", kind.error().message);
    posting.kind = *kind;
    ASSIGN_OR_RETURN(posting.target, ReadTarget(doc));
    ASSIGN_OR_RETURN(posting.amount, ReadMoney(doc, "amount", true));
    ASSIGN_OR_RETURN(auto tip, ReadMoney(doc, "tip", false));
    if (tip.minor_units != 0 && tip.currency != posting.amount.currency) {
      return kReader.Invalid("tip", "must be in the amount's currency");
    }
    posting.tip_minor_units = tip.minor_units;
    ASSIGN_OR_RETURN(posting.business_date, ReadDate(doc, "business_date"));
    ASSIGN_OR_RETURN(posting.revenue_centre, kReader.String(doc, "revenue_centre", false));
    ASSIGN_OR_RETURN(posting.payment_type, kReader.String(doc, "payment_type", false));
    ASSIGN_OR_RETURN(request.code, ReadCode(doc));
    ASSIGN_OR_RETURN(posting.source, ReadSource(doc));
    ASSIGN_OR_RETURN(posting.voids, kReader.String(doc, "voids", false));
    return request;
  });
}

std::string EncodePostingReceipt(const postings::PmsPostingReceipt& receipt) {
  return Encoded([&](Writer& w) {
    w.StartObject();
    WriteString(w, "id", receipt.pms_posting_id);
    WriteString(w, "folio_id", receipt.folio_id);
    WriteMoney(w, "balance", receipt.folio_balance);
    w.EndObject();
  });
}

Result<postings::PmsPostingReceipt> DecodePostingReceipt(std::string_view json) {
  return Decoded(json, [](const rapidjson::Value& doc) -> Result<postings::PmsPostingReceipt> {
    postings::PmsPostingReceipt receipt;
    ASSIGN_OR_RETURN(receipt.pms_posting_id, kReader.String(doc, "id", true));
    ASSIGN_OR_RETURN(receipt.folio_id, kReader.String(doc, "folio_id", true));
    ASSIGN_OR_RETURN(receipt.folio_balance, ReadMoney(doc, "balance", true));
    return receipt;
  });
}

std::string EncodeRevenueSummary(const postings::RevenueSummary& summary) {
  return Encoded([&](Writer& w) { WriteSummaryObject(w, summary); });
}

Result<postings::RevenueSummary> DecodeRevenueSummary(std::string_view json) {
  return Decoded(json, [](const rapidjson::Value& doc) -> Result<postings::RevenueSummary> {
    postings::RevenueSummary summary;
    ASSIGN_OR_RETURN(summary.business_date, ReadDate(doc, "business_date"));
    ASSIGN_OR_RETURN(summary.lines,
                     ReadArray<postings::RevenueSummaryLine>(doc, "lines", ReadSummaryLine));
    return summary;
  });
}

std::string EncodeRevenueSummaries(const std::vector<postings::RevenueSummary>& summaries) {
  return Encoded([&](Writer& w) {
    w.StartObject();
    Key(w, "summaries");
    w.StartArray();
    for (const auto& summary : summaries) WriteSummaryObject(w, summary);
    w.EndArray();
    w.EndObject();
  });
}

}  // namespace chansync::pms::wire
