#include "chansync/pos/posting_wire.h"

#include <limits>

#include "chansync/core/reservation_json.h"
#include "wire_fields.h"

namespace chansync::pos::wire {
namespace {

using core::json::Find;
using core::json::Key;
using core::json::String;
using core::json::Writer;

core::Result<postings::PostingSource> DecodeSource(const rapidjson::Value& object) {
  ASSIGN_OR_RETURN(const rapidjson::Value* source, ObjectField(object, "", "source"));
  postings::PostingSource out;
  ASSIGN_OR_RETURN(out.pos_id, StringField(*source, "source", "pos_id", true));
  ASSIGN_OR_RETURN(out.ticket_id, StringField(*source, "source", "ticket_id", true));
  ASSIGN_OR_RETURN(const int64_t line, IntegerField(*source, "source", "line", true));
  if (line < 1 || line > postings::kMaxLine) {
    return Invalid("source.line", "must be from 1 to " + std::to_string(postings::kMaxLine));
  }
  out.line = static_cast<int>(line);
  return out;
}

void WriteMoney(Writer& w, const core::Money& money) {
  WriteInt(w, "amount_minor_units", money.minor_units);
  Key(w, "currency");
  String(w, money.currency);
}

void WritePostingMembers(Writer& w, const postings::Posting& posting) {
  Key(w, "id");
  String(w, posting.Id());
  Key(w, "property");
  String(w, posting.property);
  Key(w, "kind");
  String(w, postings::PostingKindName(posting.kind));
  WriteMoney(w, posting.amount);
  WriteInt(w, "tip_minor_units", posting.tip_minor_units);
  if (!posting.revenue_centre.empty()) {
    Key(w, "revenue_centre");
    String(w, posting.revenue_centre);
  }
  if (!posting.payment_type.empty()) {
    Key(w, "payment_type");
    String(w, posting.payment_type);
  }
  WriteDate(w, "business_date", posting.business_date);
  Key(w, "source");
  w.StartObject();
  Key(w, "pos_id");
  String(w, posting.source.pos_id);
  Key(w, "ticket_id");
  String(w, posting.source.ticket_id);
  WriteInt(w, "line", posting.source.line);
  w.EndObject();
  WriteTarget(w, posting.target);
  if (!posting.voids.empty()) {
    Key(w, "voids");
    String(w, posting.voids);
  }
}

void WriteAccepted(Writer& w, const postings::PostingAccepted& accepted) {
  w.StartObject();
  Key(w, "id");
  String(w, accepted.id);
  Key(w, "state");
  String(w, postings::PostingStateName(accepted.state));
  Key(w, "business_date");
  String(w, accepted.business_date.ToString());
  Key(w, "duplicate");
  w.Bool(accepted.duplicate);
  w.EndObject();
}

void WriteRecord(Writer& w, const postings::PostingRecord& record) {
  w.StartObject();
  WritePostingMembers(w, record.posting);
  Key(w, "state");
  String(w, postings::PostingStateName(record.state));
  WriteInt(w, "attempts", record.attempts);
  WriteInt(w, "forced", record.forced);
  if (!record.error_code.empty()) {
    Key(w, "error");
    w.StartObject();
    Key(w, "code");
    String(w, record.error_code);
    Key(w, "message");
    String(w, record.error_message);
    w.EndObject();
  }
  if (!record.hint.empty()) {
    Key(w, "hint");
    String(w, record.hint);
  }
  if (record.receipt) {
    Key(w, "receipt");
    w.StartObject();
    Key(w, "pms_posting_id");
    String(w, record.receipt->pms_posting_id);
    Key(w, "folio_id");
    String(w, record.receipt->folio_id);
    WriteInt(w, "folio_balance_minor_units", record.receipt->folio_balance.minor_units);
    w.EndObject();
  }
  Key(w, "accepted_at");
  String(w, core::FormatTimestamp(record.accepted_at));
  Key(w, "updated_at");
  String(w, core::FormatTimestamp(record.updated_at));
  w.EndObject();
}

}  // namespace

core::Result<postings::Posting> DecodePosting(std::string_view json,
                                              const core::PropertyId& property) {
  ASSIGN_OR_RETURN(const auto doc, ParseBody(json, property));
  postings::Posting posting;
  posting.property = property;
  ASSIGN_OR_RETURN(const std::string kind, StringField(doc, "", "kind", true));
  auto parsed_kind = postings::ParsePostingKind(kind);
  if (!parsed_kind) return Invalid("kind", "must be charge or payment");
  posting.kind = *parsed_kind;
  ASSIGN_OR_RETURN(posting.amount.minor_units, AmountField(doc, "", "amount_minor_units", true));
  ASSIGN_OR_RETURN(posting.amount.currency, StringField(doc, "", "currency", true));
  ASSIGN_OR_RETURN(posting.tip_minor_units, AmountField(doc, "", "tip_minor_units", false));
  ASSIGN_OR_RETURN(posting.revenue_centre, StringField(doc, "", "revenue_centre", false));
  ASSIGN_OR_RETURN(posting.payment_type, StringField(doc, "", "payment_type", false));
  ASSIGN_OR_RETURN(posting.business_date, DateField(doc, "", "business_date", false));
  ASSIGN_OR_RETURN(posting.source, DecodeSource(doc));
  ASSIGN_OR_RETURN(posting.target, DecodeTarget(doc));
  ASSIGN_OR_RETURN(posting.voids, StringField(doc, "", "voids", false));
  return posting;
}

std::string EncodePosting(const postings::Posting& posting) {
  return Json([&](Writer& w) {
    w.StartObject();
    WritePostingMembers(w, posting);
    w.EndObject();
  });
}

core::Result<postings::RoomChargeTicket> DecodeTicket(std::string_view json,
                                                      const core::PropertyId& property) {
  ASSIGN_OR_RETURN(const auto doc, ParseBody(json, property));
  postings::RoomChargeTicket ticket;
  ticket.property = property;
  ASSIGN_OR_RETURN(ticket.pos_id, StringField(doc, "", "pos_id", true));
  ASSIGN_OR_RETURN(ticket.ticket_id, StringField(doc, "", "ticket_id", true));
  ASSIGN_OR_RETURN(ticket.currency, StringField(doc, "", "currency", true));
  ASSIGN_OR_RETURN(ticket.business_date, DateField(doc, "", "business_date", false));
  ASSIGN_OR_RETURN(ticket.target, DecodeTarget(doc));
  const rapidjson::Value* lines = Find(doc, "lines");
  if (lines == nullptr || !lines->IsArray()) return Invalid("lines", "must be an array");
  int64_t total = 0;
  for (rapidjson::SizeType i = 0; i < lines->Size(); ++i) {
    const std::string field = "lines[" + std::to_string(i) + "]";
    const rapidjson::Value& line = (*lines)[i];
    if (!line.IsObject()) return Invalid(field, "must be an object");
    postings::RoomChargeTicket::Line out;
    ASSIGN_OR_RETURN(out.revenue_centre, StringField(line, field, "revenue_centre", true));
    ASSIGN_OR_RETURN(out.amount_minor_units, AmountField(line, field, "amount_minor_units", true));
    total += out.amount_minor_units;
    ticket.lines.push_back(std::move(out));
  }
  ASSIGN_OR_RETURN(ticket.charged_minor_units, AmountField(doc, "", "charged_minor_units", false));
  if (Find(doc, "charged_minor_units") == nullptr) {
    // The whole ticket is charged: its total must be an amount the explicit form could carry.
    if (total > postings::kMaxPostingMinorUnits || total < -postings::kMaxPostingMinorUnits) {
      return Invalid("lines", "the ticket's total must be within ±" +
                                  std::to_string(postings::kMaxPostingMinorUnits));
    }
    ticket.charged_minor_units = total;
  }
  ASSIGN_OR_RETURN(ticket.tip_minor_units, AmountField(doc, "", "tip_minor_units", false));
  return ticket;
}

std::string EncodeTicket(const postings::RoomChargeTicket& ticket) {
  return Json([&](Writer& w) {
    w.StartObject();
    Key(w, "property");
    String(w, ticket.property);
    Key(w, "pos_id");
    String(w, ticket.pos_id);
    Key(w, "ticket_id");
    String(w, ticket.ticket_id);
    Key(w, "currency");
    String(w, ticket.currency);
    WriteDate(w, "business_date", ticket.business_date);
    WriteTarget(w, ticket.target);
    Key(w, "lines");
    w.StartArray();
    for (const auto& line : ticket.lines) {
      w.StartObject();
      Key(w, "revenue_centre");
      String(w, line.revenue_centre);
      WriteInt(w, "amount_minor_units", line.amount_minor_units);
      w.EndObject();
    }
    w.EndArray();
    WriteInt(w, "charged_minor_units", ticket.charged_minor_units);
    WriteInt(w, "tip_minor_units", ticket.tip_minor_units);
    w.EndObject();
  });
}

std::string EncodeGuests(const std::vector<postings::InHouseStay>& guests) {
  return Json([&](Writer& w) {
    w.StartObject();
    Key(w, "guests");
    w.StartArray();
    for (const auto& stay : guests) {
      w.StartObject();
      Key(w, "stay_id");
      String(w, stay.id);
      Key(w, "first_name");
      String(w, stay.first_name);
      Key(w, "last_name");
      String(w, stay.last_name);
      Key(w, "room");
      String(w, stay.room);
      Key(w, "company");
      String(w, stay.company);
      Key(w, "arrival");
      String(w, stay.dates.arrival.ToString());
      Key(w, "departure");
      String(w, stay.dates.departure.ToString());
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  });
}

std::string EncodeAccepted(const postings::PostingAccepted& accepted) {
  return Json([&](Writer& w) { WriteAccepted(w, accepted); });
}

std::string EncodeAcceptedList(const std::vector<postings::PostingAccepted>& accepted) {
  return Json([&](Writer& w) {
    w.StartObject();
    Key(w, "postings");
    w.StartArray();
    for (const auto& one : accepted) WriteAccepted(w, one);
    w.EndArray();
    w.EndObject();
  });
}

std::string EncodeRecord(const postings::PostingRecord& record) {
  return Json([&](Writer& w) { WriteRecord(w, record); });
}

std::string EncodeDayReport(const postings::DayReport& report) {
  return Json([&](Writer& w) {
    w.StartObject();
    Key(w, "property");
    String(w, report.property);
    Key(w, "business_date");
    String(w, report.business_date.ToString());
    WriteInt(w, "posted", report.posted);
    WriteInt(w, "pending", report.pending);
    WriteInt(w, "failed", report.failed);
    Key(w, "postings");
    w.StartArray();
    for (const auto& record : report.postings) WriteRecord(w, record);
    w.EndArray();
    Key(w, "totals");
    w.StartArray();
    for (const auto& total : report.totals) {
      w.StartObject();
      Key(w, "pos_id");
      String(w, total.pos_id);
      Key(w, "kind");
      String(w, postings::PostingKindName(total.kind));
      Key(w, "code");
      String(w, total.code);
      WriteMoney(w, total.amount);
      WriteInt(w, "tip_minor_units", total.tip_minor_units);
      WriteInt(w, "postings", total.postings);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  });
}

}  // namespace chansync::pos::wire
