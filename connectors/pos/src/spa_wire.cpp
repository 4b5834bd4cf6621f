#include "chansync/pos/spa_wire.h"

#include "wire_fields.h"

namespace chansync::pos::wire {
namespace {

using core::json::Key;
using core::json::Writer;
using postings::SpaLine;

// An amount a spa event carries: above zero, within the postings' bound.
core::Result<int64_t> PositiveAmountField(const rapidjson::Value& object, std::string_view parent,
                                          const char* key) {
  ASSIGN_OR_RETURN(const int64_t amount, AmountField(object, parent, key, true));
  if (amount <= 0) return Invalid(FieldName(parent, key), "must be above 0");
  return amount;
}

// What every spa body names: the spa system, the currency and the folio. `T` is an order, a
// voucher or a membership payment, which all carry them.
template <typename T>
core::Status DecodeSpaMembers(const rapidjson::Value& doc, const core::PropertyId& property,
                              T& out) {
  out.property = property;
  ASSIGN_OR_RETURN(out.spa_id, StringField(doc, "", "spa_id", true));
  ASSIGN_OR_RETURN(out.currency, StringField(doc, "", "currency", true));
  ASSIGN_OR_RETURN(out.target, DecodeTarget(doc));
  return core::Ok();
}

core::Result<postings::SpaPayment> DecodePayment(const rapidjson::Value& value,
                                                 const std::string& field) {
  if (!value.IsObject()) return Invalid(field, "must be an object");
  postings::SpaPayment payment;
  ASSIGN_OR_RETURN(const int64_t number, IntegerField(value, field, "number", true));
  if (number < 1 || number > SpaLine::kMaxRank) {
    return Invalid(FieldName(field, "number"),
                   "must be from 1 to " + std::to_string(SpaLine::kMaxRank));
  }
  payment.number = static_cast<int>(number);
  ASSIGN_OR_RETURN(payment.amount_minor_units,
                   PositiveAmountField(value, field, "amount_minor_units"));
  ASSIGN_OR_RETURN(payment.payment_type, StringField(value, field, "payment_type", true));
  ASSIGN_OR_RETURN(payment.prepayment_type, BoolField(value, field, "prepayment"));
  ASSIGN_OR_RETURN(payment.taken_on, DateField(value, field, "taken_on", true));
  return payment;
}

core::Result<postings::SpaOrderLine> DecodeOrderLine(const rapidjson::Value& value,
                                                     const std::string& field) {
  if (!value.IsObject()) return Invalid(field, "must be an object");
  postings::SpaOrderLine line;
  ASSIGN_OR_RETURN(line.revenue_centre, StringField(value, field, "revenue_centre", true));
  ASSIGN_OR_RETURN(line.amount_minor_units,
                   PositiveAmountField(value, field, "amount_minor_units"));
  return line;
}

core::Result<postings::SpaOrder> DecodeOrder(const rapidjson::Value& doc,
                                             const core::PropertyId& property,
                                             std::string_view order_id) {
  RETURN_IF_ERROR(CheckSameAsPath(doc, "order_id", "order", order_id));
  postings::SpaOrder order;
  order.order_id = std::string(order_id);
  RETURN_IF_ERROR(DecodeSpaMembers(doc, property, order));
  ASSIGN_OR_RETURN(const rapidjson::Value* lines, ArrayField(doc, "lines", false));
  if (lines->Size() > static_cast<rapidjson::SizeType>(SpaLine::kMaxRank)) {
    return Invalid("lines", "an order has at most " + std::to_string(SpaLine::kMaxRank) + " lines");
  }
  for (rapidjson::SizeType i = 0; i < lines->Size(); ++i) {
    ASSIGN_OR_RETURN(auto line, DecodeOrderLine((*lines)[i], "lines[" + std::to_string(i) + "]"));
    order.lines.push_back(std::move(line));
  }
  ASSIGN_OR_RETURN(const rapidjson::Value* payments, ArrayField(doc, "payments", false));
  if (payments->Size() > static_cast<rapidjson::SizeType>(SpaLine::kMaxRank)) {
    return Invalid("payments",
                   "an order has at most " + std::to_string(SpaLine::kMaxRank) + " payments");
  }
  for (rapidjson::SizeType i = 0; i < payments->Size(); ++i) {
    ASSIGN_OR_RETURN(auto payment,
                     DecodePayment((*payments)[i], "payments[" + std::to_string(i) + "]"));
    order.payments.push_back(std::move(payment));
  }
  return order;
}

core::Result<postings::Voucher> DecodeVoucher(const rapidjson::Value& doc,
                                              const core::PropertyId& property,
                                              std::string_view voucher_id) {
  RETURN_IF_ERROR(CheckSameAsPath(doc, "voucher_id", "voucher", voucher_id));
  postings::Voucher voucher;
  voucher.voucher_id = std::string(voucher_id);
  RETURN_IF_ERROR(DecodeSpaMembers(doc, property, voucher));
  ASSIGN_OR_RETURN(voucher.price_minor_units, PositiveAmountField(doc, "", "price_minor_units"));
  ASSIGN_OR_RETURN(voucher.value_minor_units, PositiveAmountField(doc, "", "value_minor_units"));
  return voucher;
}

// An optional member: nullopt when absent, null or empty.
core::Result<std::optional<std::string>> OptionalString(const rapidjson::Value& doc,
                                                        const char* key) {
  ASSIGN_OR_RETURN(std::string text, StringField(doc, "", key, false));
  if (text.empty()) return std::optional<std::string>();
  return std::optional<std::string>(std::move(text));
}

core::Result<std::optional<core::CivilDate>> OptionalDate(const rapidjson::Value& doc,
                                                          const char* key) {
  ASSIGN_OR_RETURN(const core::CivilDate date, DateField(doc, "", key, false));
  if (date == core::CivilDate{}) return std::optional<core::CivilDate>();
  return std::optional<core::CivilDate>(date);
}

void WriteSpaMembers(Writer& w, const core::PropertyId& property, const std::string& spa_id,
                     const std::string& currency, const postings::PostingTarget& target) {
  WriteString(w, "property", property);
  WriteString(w, "spa_id", spa_id);
  WriteString(w, "currency", currency);
  WriteTarget(w, target);
}

void WritePayment(Writer& w, const postings::SpaPayment& payment) {
  w.StartObject();
  WriteInt(w, "number", payment.number);
  WriteInt(w, "amount_minor_units", payment.amount_minor_units);
  WriteString(w, "payment_type", payment.payment_type);
  Key(w, "prepayment");
  w.Bool(payment.prepayment_type);
  WriteString(w, "taken_on", payment.taken_on.ToString());
  w.EndObject();
}

void WriteOrder(Writer& w, const postings::SpaOrder& order) {
  WriteSpaMembers(w, order.property, order.spa_id, order.currency, order.target);
  WriteString(w, "order_id", order.order_id);
  Key(w, "lines");
  w.StartArray();
  for (const auto& line : order.lines) {
    w.StartObject();
    WriteString(w, "revenue_centre", line.revenue_centre);
    WriteInt(w, "amount_minor_units", line.amount_minor_units);
    w.EndObject();
  }
  w.EndArray();
  Key(w, "payments");
  w.StartArray();
  for (const auto& payment : order.payments) WritePayment(w, payment);
  w.EndArray();
}

void WriteVoucher(Writer& w, const postings::Voucher& voucher) {
  WriteSpaMembers(w, voucher.property, voucher.spa_id, voucher.currency, voucher.target);
  WriteString(w, "voucher_id", voucher.voucher_id);
  WriteInt(w, "price_minor_units", voucher.price_minor_units);
  WriteInt(w, "value_minor_units", voucher.value_minor_units);
}

// Writes the members of one event's body.
struct EventWriter {
  Writer& w;

  void operator()(const postings::SpaPaymentTaken& e) {
    WriteOrder(w, e.order);
    Key(w, "payment");
    WritePayment(w, e.payment);
  }
  void operator()(const postings::SpaOrderCheckedOut& e) {
    WriteOrder(w, e.order);
    WriteString(w, "checked_out_on", e.checked_out_on.ToString());
  }
  void operator()(const postings::SpaOrderRefunded& e) {
    WriteOrder(w, e.order);
    if (e.checked_out_on) WriteString(w, "checked_out_on", e.checked_out_on->ToString());
    WriteString(w, "refunded_on", e.refunded_on.ToString());
  }
  void operator()(const postings::OfflineMembershipPayment& e) {
    WriteSpaMembers(w, e.property, e.spa_id, e.currency, e.target);
    WriteString(w, "payment_id", e.payment_id);
    WriteInt(w, "amount_minor_units", e.amount_minor_units);
    WriteString(w, "payment_type", e.payment_type);
    WriteString(w, "revenue_centre", e.revenue_centre);
    WriteString(w, "taken_on", e.taken_on.ToString());
  }
  void operator()(const postings::VoucherSale& e) {
    WriteVoucher(w, e.voucher);
    WriteString(w, "sold_on", e.sold_on.ToString());
  }
  void operator()(const postings::VoucherRedemption& e) {
    WriteVoucher(w, e.voucher);
    WriteString(w, "redeemed_on", e.redeemed_on.ToString());
  }
  void operator()(const postings::VoucherService& e) {
    WriteVoucher(w, e.voucher);
    WriteString(w, "offer_revenue_centre", e.offer_centre);
    WriteString(w, "served_on", e.served_on.ToString());
  }
  void operator()(const postings::VoucherRefund& e) {
    WriteVoucher(w, e.voucher);
    if (e.served_centre) WriteString(w, "served_revenue_centre", *e.served_centre);
    WriteString(w, "refunded_on", e.refunded_on.ToString());
  }
};

}  // namespace

core::Result<postings::SpaPaymentTaken> DecodeSpaPaymentTaken(std::string_view json,
                                                              const core::PropertyId& property,
                                                              std::string_view order_id) {
  ASSIGN_OR_RETURN(const auto doc, ParseBody(json, property));
  postings::SpaPaymentTaken event;
  ASSIGN_OR_RETURN(event.order, DecodeOrder(doc, property, order_id));
  ASSIGN_OR_RETURN(const rapidjson::Value* payment, ObjectField(doc, "", "payment"));
  ASSIGN_OR_RETURN(event.payment, DecodePayment(*payment, "payment"));
  return event;
}

core::Result<postings::SpaOrderCheckedOut> DecodeSpaCheckOut(std::string_view json,
                                                             const core::PropertyId& property,
                                                             std::string_view order_id) {
  ASSIGN_OR_RETURN(const auto doc, ParseBody(json, property));
  postings::SpaOrderCheckedOut event;
  ASSIGN_OR_RETURN(event.order, DecodeOrder(doc, property, order_id));
  ASSIGN_OR_RETURN(event.checked_out_on, DateField(doc, "", "checked_out_on", true));
  return event;
}

core::Result<postings::SpaOrderRefunded> DecodeSpaRefund(std::string_view json,
                                                         const core::PropertyId& property,
                                                         std::string_view order_id) {
  ASSIGN_OR_RETURN(const auto doc, ParseBody(json, property));
  postings::SpaOrderRefunded event;
  ASSIGN_OR_RETURN(event.order, DecodeOrder(doc, property, order_id));
  ASSIGN_OR_RETURN(event.checked_out_on, OptionalDate(doc, "checked_out_on"));
  ASSIGN_OR_RETURN(event.refunded_on, DateField(doc, "", "refunded_on", true));
  return event;
}

core::Result<postings::OfflineMembershipPayment> DecodeMembershipPayment(
    std::string_view json, const core::PropertyId& property) {
  ASSIGN_OR_RETURN(const auto doc, ParseBody(json, property));
  postings::OfflineMembershipPayment payment;
  RETURN_IF_ERROR(DecodeSpaMembers(doc, property, payment));
  ASSIGN_OR_RETURN(payment.payment_id, StringField(doc, "", "payment_id", true));
  ASSIGN_OR_RETURN(payment.amount_minor_units, PositiveAmountField(doc, "", "amount_minor_units"));
  ASSIGN_OR_RETURN(payment.payment_type, StringField(doc, "", "payment_type", true));
  ASSIGN_OR_RETURN(payment.revenue_centre, StringField(doc, "", "revenue_centre", true));
  ASSIGN_OR_RETURN(payment.taken_on, DateField(doc, "", "taken_on", true));
  return payment;
}

core::Result<postings::VoucherSale> DecodeVoucherSale(std::string_view json,
                                                      const core::PropertyId& property,
                                                      std::string_view voucher_id) {
  ASSIGN_OR_RETURN(const auto doc, ParseBody(json, property));
  postings::VoucherSale event;
  ASSIGN_OR_RETURN(event.voucher, DecodeVoucher(doc, property, voucher_id));
  ASSIGN_OR_RETURN(event.sold_on, DateField(doc, "", "sold_on", true));
  return event;
}

core::Result<postings::VoucherRedemption> DecodeVoucherRedemption(std::string_view json,
                                                                  const core::PropertyId& property,
                                                                  std::string_view voucher_id) {
  ASSIGN_OR_RETURN(const auto doc, ParseBody(json, property));
  postings::VoucherRedemption event;
  ASSIGN_OR_RETURN(event.voucher, DecodeVoucher(doc, property, voucher_id));
  ASSIGN_OR_RETURN(event.redeemed_on, DateField(doc, "", "redeemed_on", true));
  return event;
}

core::Result<postings::VoucherService> DecodeVoucherService(std::string_view json,
                                                            const core::PropertyId& property,
                                                            std::string_view voucher_id) {
  ASSIGN_OR_RETURN(const auto doc, ParseBody(json, property));
  postings::VoucherService event;
  ASSIGN_OR_RETURN(event.voucher, DecodeVoucher(doc, property, voucher_id));
  ASSIGN_OR_RETURN(event.offer_centre, StringField(doc, "", "offer_revenue_centre", true));
  ASSIGN_OR_RETURN(event.served_on, DateField(doc, "", "served_on", true));
  return event;
}

core::Result<postings::VoucherRefund> DecodeVoucherRefund(std::string_view json,
                                                          const core::PropertyId& property,
                                                          std::string_view voucher_id) {
  ASSIGN_OR_RETURN(const auto doc, ParseBody(json, property));
  postings::VoucherRefund event;
  ASSIGN_OR_RETURN(event.voucher, DecodeVoucher(doc, property, voucher_id));
  ASSIGN_OR_RETURN(event.served_centre, OptionalString(doc, "served_revenue_centre"));
  ASSIGN_OR_RETURN(event.refunded_on, DateField(doc, "", "refunded_on", true));
  return event;
}

std::string EncodeSpaEvent(const postings::SpaEvent& event) {
  return Json([&](Writer& w) {
    w.StartObject();
    std::visit(EventWriter{w}, event);
    w.EndObject();
  });
}

}  // namespace chansync::pos::wire
