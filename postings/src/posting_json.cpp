#include "posting_json.h"

#include <chrono>
#include <optional>

#include "chansync/core/json_fields.h"

namespace chansync::postings::json {
namespace {

using core::json::Key;
using core::json::String;
using core::json::Writer;

int64_t Millis(core::Timestamp at) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

void Field(Writer& w, std::string_view key, std::string_view value) {
  Key(w, key);
  String(w, value);
}

void Field(Writer& w, std::string_view key, int64_t value) {
  Key(w, key);
  w.Int64(value);
}

void Field(Writer& w, std::string_view key, bool value) {
  Key(w, key);
  w.Bool(value);
}

void WritePosting(Writer& w, const Posting& p) {
  w.StartObject();
  Field(w, "property", p.property);
  Field(w, "kind", PostingKindName(p.kind));
  Field(w, "amount", p.amount.minor_units);
  Field(w, "currency", p.amount.currency);
  Field(w, "tip", p.tip_minor_units);
  Field(w, "revenue_centre", p.revenue_centre);
  Field(w, "payment_type", p.payment_type);
  Field(w, "business_date", p.business_date.ToString());
  Field(w, "pos", p.source.pos_id);
  Field(w, "ticket", p.source.ticket_id);
  Field(w, "line", static_cast<int64_t>(p.source.line));
  Field(w, "target_kind", TargetKindName(p.target.kind));
  Field(w, "target", p.target.id);
  Field(w, "voids", p.voids);
  w.EndObject();
}

void WriteCode(Writer& w, const PmsCode& code) {
  Field(w, "outlet", code.outlet);
  Field(w, "transaction_code", code.transaction_code);
  Field(w, "payment_selector", code.payment_selector);
}

template <typename Write>
std::string Encode(Write write) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  write(w);
  return core::json::Text(buffer);
}

// Reads the members of one stored object; the first problem is kept and reported once.
class Reader {
 public:
  Reader(const rapidjson::Value& object, std::string_view what) : object_(object), what_(what) {}

  std::string Text(const char* name) {
    const rapidjson::Value* v = core::json::Find(object_, name);
    if (v == nullptr || !v->IsString()) return Missing(name), std::string();
    return std::string(v->GetString(), v->GetStringLength());
  }
  int64_t Int(const char* name) {
    const rapidjson::Value* v = core::json::Find(object_, name);
    if (v == nullptr || !v->IsInt64()) return Missing(name), 0;
    return v->GetInt64();
  }
  bool Bool(const char* name) {
    const rapidjson::Value* v = core::json::Find(object_, name);
    if (v == nullptr || !v->IsBool()) return Missing(name), false;
    return v->GetBool();
  }
  core::CivilDate Date(const char* name) {
    auto date = core::CivilDate::Parse(Text(name));
    if (!date) return Missing(name), core::CivilDate();
    return *date;
  }
  core::Timestamp Time(const char* name) {
    return core::Timestamp(std::chrono::milliseconds(Int(name)));
  }
  const rapidjson::Value* Object(const char* name) {
    const rapidjson::Value* v = core::json::Find(object_, name);
    if (v == nullptr || !v->IsObject()) return Missing(name), nullptr;
    return v;
  }
  const rapidjson::Value* Array(const char* name) {
    const rapidjson::Value* v = core::json::Find(object_, name);
    if (v == nullptr || !v->IsArray()) return Missing(name), nullptr;
    return v;
  }
  template <typename T>
  T Parsed(core::Result<T> parsed, const char* name) {
    if (!parsed) return Missing(name), T{};
    return std::move(*parsed);
  }
  // Marks `name` unreadable and answers the reader's error.
  std::unexpected<core::Error> Bad(const char* name) {
    Missing(name);
    return std::unexpected(status().error());
  }
  core::Status status() const {
    if (bad_.empty()) return core::Ok();
    return core::Fail(core::ErrorCode::kInternal,
                      "stored " + std::string(what_) + " is unreadable at \"" + bad_ + "\"");
  }

 private:
  void Missing(const char* name) {
    if (bad_.empty()) bad_ = name;
  }
  const rapidjson::Value& object_;
  std::string_view what_;
  std::string bad_;
};

core::Result<core::PooledJsonDocument> ParseStored(std::string_view json, std::string_view what) {
  core::PooledJsonDocument doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    return core::Fail(core::ErrorCode::kInternal,
                      "stored " + std::string(what) + " is not a JSON object");
  }
  return doc;
}

Posting ReadPosting(Reader& r) {
  Posting p;
  p.property = r.Text("property");
  p.kind = r.Parsed(ParsePostingKind(r.Text("kind")), "kind");
  p.amount = {r.Int("amount"), r.Text("currency")};
  p.tip_minor_units = r.Int("tip");
  p.revenue_centre = r.Text("revenue_centre");
  p.payment_type = r.Text("payment_type");
  p.business_date = r.Date("business_date");
  p.source = {r.Text("pos"), r.Text("ticket"), static_cast<int>(r.Int("line"))};
  p.target = {r.Parsed(ParseTargetKind(r.Text("target_kind")), "target_kind"), r.Text("target")};
  p.voids = r.Text("voids");
  return p;
}

PmsCode ReadCode(Reader& r) {
  return {r.Text("outlet"), r.Text("transaction_code"), r.Text("payment_selector")};
}

}  // namespace

std::string EncodePosting(const Posting& posting) {
  return Encode([&](Writer& w) { WritePosting(w, posting); });
}

core::Result<Posting> DecodePosting(std::string_view json) {
  ASSIGN_OR_RETURN(auto doc, ParseStored(json, "posting"));
  Reader r(doc, "posting");
  Posting posting = ReadPosting(r);
  RETURN_IF_ERROR(r.status());
  return posting;
}

std::string EncodeRecord(const PostingRecord& record) {
  return Encode([&](Writer& w) {
    w.StartObject();
    Key(w, "posting");
    WritePosting(w, record.posting);
    Field(w, "state", PostingStateName(record.state));
    Field(w, "attempts", record.attempts);
    Field(w, "forced", record.forced);
    Field(w, "error_code", record.error_code);
    Field(w, "error_message", record.error_message);
    Field(w, "hint", record.hint);
    if (record.receipt) {
      Key(w, "receipt");
      w.StartObject();
      Field(w, "pms_posting_id", record.receipt->pms_posting_id);
      Field(w, "folio_id", record.receipt->folio_id);
      Field(w, "balance", record.receipt->folio_balance.minor_units);
      Field(w, "currency", record.receipt->folio_balance.currency);
      w.EndObject();
    }
    Field(w, "accepted_at", Millis(record.accepted_at));
    Field(w, "updated_at", Millis(record.updated_at));
    w.EndObject();
  });
}

core::Result<PostingRecord> DecodeRecord(std::string_view json) {
  ASSIGN_OR_RETURN(auto doc, ParseStored(json, "posting record"));
  Reader r(doc, "posting record");
  PostingRecord record;
  if (const rapidjson::Value* posting = r.Object("posting")) {
    Reader inner(*posting, "posting record");
    record.posting = ReadPosting(inner);
    RETURN_IF_ERROR(inner.status());
  }
  record.state = r.Parsed(ParsePostingState(r.Text("state")), "state");
  record.attempts = r.Int("attempts");
  record.forced = r.Int("forced");
  record.error_code = r.Text("error_code");
  record.error_message = r.Text("error_message");
  record.hint = r.Text("hint");
  if (const rapidjson::Value* receipt = core::json::Find(doc, "receipt")) {
    Reader inner(*receipt, "posting receipt");
    record.receipt = PmsPostingReceipt{inner.Text("pms_posting_id"),
                                       inner.Text("folio_id"),
                                       {inner.Int("balance"), inner.Text("currency")}};
    RETURN_IF_ERROR(inner.status());
  }
  record.accepted_at = r.Time("accepted_at");
  record.updated_at = r.Time("updated_at");
  RETURN_IF_ERROR(r.status());
  return record;
}

std::string EncodeSetup(const PostingSetup& setup) {
  return Encode([&](Writer& w) {
    w.StartObject();
    Field(w, "end_of_day", setup.end_of_day.ToString());
    Key(w, "revenue_centres");
    w.StartObject();
    for (const auto& [centre, outlet] : setup.revenue_centres) {
      Key(w, centre);
      w.StartObject();
      Field(w, "outlet", outlet.outlet);
      Field(w, "transaction_code", outlet.transaction_code);
      w.EndObject();
    }
    w.EndObject();
    Key(w, "payment_types");
    w.StartObject();
    for (const auto& [type, selector] : setup.payment_types) Field(w, type, selector);
    w.EndObject();
    Field(w, "post_prepayments", setup.post_prepayments);
    Field(w, "reverse_deposit_on_checkout", setup.reverse_deposit_on_checkout);
    Field(w, "post_offline_membership_payments", setup.post_offline_membership_payments);
    w.EndObject();
  });
}

core::Result<PostingSetup> DecodeSetup(std::string_view json) {
  ASSIGN_OR_RETURN(auto doc, ParseStored(json, "posting set-up"));
  Reader r(doc, "posting set-up");
  PostingSetup setup;
  setup.end_of_day = r.Parsed(EndOfDay::Parse(r.Text("end_of_day")), "end_of_day");
  if (const rapidjson::Value* centres = r.Object("revenue_centres")) {
    for (const auto& member : centres->GetObject()) {
      Reader outlet(member.value, "posting set-up");
      setup.revenue_centres[member.name.GetString()] = {outlet.Text("outlet"),
                                                        outlet.Text("transaction_code")};
      RETURN_IF_ERROR(outlet.status());
    }
  }
  if (const rapidjson::Value* types = r.Object("payment_types")) {
    for (const auto& member : types->GetObject()) {
      if (!member.value.IsString()) return r.Bad("payment_types");
      setup.payment_types[member.name.GetString()] = member.value.GetString();
    }
  }
  setup.post_prepayments = r.Bool("post_prepayments");
  setup.reverse_deposit_on_checkout = r.Bool("reverse_deposit_on_checkout");
  setup.post_offline_membership_payments = r.Bool("post_offline_membership_payments");
  RETURN_IF_ERROR(r.status());
  return setup;
}

std::string EncodeEndOfDay(const EndOfDayRecord& record) {
  return Encode([&](Writer& w) {
    w.StartObject();
    Field(w, "property", record.property);
    Field(w, "business_date", record.summary.business_date.ToString());
    Field(w, "idempotency_key", record.summary.idempotency_key);
    Key(w, "lines");
    w.StartArray();
    for (const RevenueSummaryLine& line : record.summary.lines) {
      w.StartObject();
      Field(w, "pos", line.pos_id);
      Field(w, "revenue_centre", line.revenue_centre);
      WriteCode(w, line.code);
      Field(w, "amount", line.amount.minor_units);
      Field(w, "currency", line.amount.currency);
      Field(w, "tip", line.tip_minor_units);
      Field(w, "postings", line.postings);
      w.EndObject();
    }
    w.EndArray();
    Field(w, "sent_at", Millis(record.sent_at));
    w.EndObject();
  });
}

core::Result<EndOfDayRecord> DecodeEndOfDay(std::string_view json) {
  ASSIGN_OR_RETURN(auto doc, ParseStored(json, "end of day"));
  Reader r(doc, "end of day");
  EndOfDayRecord record;
  record.property = r.Text("property");
  record.summary.business_date = r.Date("business_date");
  record.summary.idempotency_key = r.Text("idempotency_key");
  if (const rapidjson::Value* lines = r.Array("lines")) {
    for (const auto& item : lines->GetArray()) {
      if (!item.IsObject()) return r.Bad("lines");
      Reader line(item, "end of day");
      RevenueSummaryLine out;
      out.pos_id = line.Text("pos");
      out.revenue_centre = line.Text("revenue_centre");
      out.code = ReadCode(line);
      out.amount = {line.Int("amount"), line.Text("currency")};
      out.tip_minor_units = line.Int("tip");
      out.postings = line.Int("postings");
      RETURN_IF_ERROR(line.status());
      record.summary.lines.push_back(std::move(out));
    }
  }
  record.sent_at = r.Time("sent_at");
  RETURN_IF_ERROR(r.status());
  return record;
}

}  // namespace chansync::postings::json
