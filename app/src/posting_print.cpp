#include "posting_print.h"

#include <cstdlib>
#include <iostream>
#include <map>
#include <set>

#include "table.h"

namespace chansync::app {
namespace {

int MinorDigits(const std::string& currency) {
  static const std::set<std::string> kNone = {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY",
                                              "KMF", "KRW", "PYG", "RWF", "UGX", "VND",
                                              "VUV", "XAF", "XOF", "XPF"};
  static const std::set<std::string> kThree = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};
  if (kNone.contains(currency)) return 0;
  return kThree.contains(currency) ? 3 : 2;
}

std::string OrDash(const std::string& text) { return text.empty() ? "-" : text; }

std::string StateName(v1::PostingState state) {
  switch (state) {
    case v1::POSTING_STATE_PENDING:
      return "pending";
    case v1::POSTING_STATE_POSTED:
      return "posted";
    case v1::POSTING_STATE_FAILED:
      return "failed";
    default:
      return "unknown";
  }
}

std::string KindName(v1::PostingKind kind) {
  return kind == v1::POSTING_KIND_PAYMENT ? "payment" : "charge";
}

std::string TargetText(const v1::PostingTarget& target) {
  return (target.kind() == v1::TARGET_KIND_ACCOUNT ? "account " : "stay ") + target.id();
}

std::string CodeOf(const v1::Posting& posting) {
  return posting.kind() == v1::POSTING_KIND_PAYMENT ? posting.payment_type()
                                                    : posting.revenue_centre();
}

std::string Amount(const v1::Amount& amount) {
  return FormatAmount(amount.minor_units(), amount.currency());
}

}  // namespace

std::string FormatAmount(int64_t minor_units, const std::string& currency) {
  const int digits = MinorDigits(currency);
  const uint64_t magnitude =
      minor_units < 0 ? 0 - static_cast<uint64_t>(minor_units) : static_cast<uint64_t>(minor_units);
  uint64_t scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  std::string text = std::to_string(magnitude / scale);
  if (digits > 0) {
    std::string fraction = std::to_string(magnitude % scale);
    text += "." + std::string(static_cast<size_t>(digits) - fraction.size(), '0') + fraction;
  }
  return (minor_units < 0 ? "-" : "") + text + (currency.empty() ? "" : " " + currency);
}

void PrintDayReport(const v1::DayReport& report) {
  std::cout << "Posted to PMS — " << report.property_id() << ", business day "
            << report.business_date() << ": " << report.posted() << " posted, " << report.pending()
            << " pending, " << report.failed() << " failed\n";
  if (report.postings_size() > 0) {
    Table postings({"ID", "KIND", "CENTRE/TYPE", "TARGET", "AMOUNT", "TIP", "STATE", "ERROR CODE"});
    for (const auto& record : report.postings()) {
      const v1::Posting& p = record.posting();
      postings.Add({p.id(), KindName(p.kind()), CodeOf(p), TargetText(p.target()),
                    Amount(p.amount()), FormatAmount(p.tip_minor_units(), p.amount().currency()),
                    StateName(record.state()), OrDash(record.error_code())});
    }
    std::cout << '\n';
    postings.Print(std::cout);
  }
  if (report.totals_size() > 0) {
    Table totals({"POS", "KIND", "CENTRE/TYPE", "AMOUNT", "TIP", "POSTINGS"});
    for (const auto& total : report.totals()) {
      totals.Add({total.pos_id(), KindName(total.kind()), total.code(), Amount(total.amount()),
                  FormatAmount(total.tip_minor_units(), total.amount().currency()),
                  std::to_string(total.postings())});
    }
    std::cout << "\ntotals of the posted postings\n";
    totals.Print(std::cout);
  }
}

void PrintPostingRecord(const v1::PostingRecord& record) {
  const v1::Posting& p = record.posting();
  Table table({"FIELD", "VALUE"});
  table.Add({"id", p.id()});
  table.Add({"property", p.property_id()});
  table.Add({"kind", KindName(p.kind())});
  table.Add({p.kind() == v1::POSTING_KIND_PAYMENT ? "payment type" : "revenue centre", CodeOf(p)});
  table.Add({"amount", Amount(p.amount())});
  table.Add({"tip", FormatAmount(p.tip_minor_units(), p.amount().currency())});
  table.Add({"business date", p.business_date()});
  table.Add({"source", p.source().pos_id() + " ticket " + p.source().ticket_id() + " line " +
                           std::to_string(p.source().line())});
  table.Add({"target", TargetText(p.target())});
  if (!p.voids().empty()) table.Add({"voids", p.voids()});
  table.Add({"state", StateName(record.state())});
  table.Add({"attempts", std::to_string(record.attempts())});
  table.Add({"forced", std::to_string(record.forced())});
  table.Add({"error code", OrDash(record.error_code())});
  if (record.has_receipt()) {
    table.Add({"pms posting", record.receipt().pms_posting_id()});
    table.Add({"folio", record.receipt().folio_id() + " (balance " +
                            Amount(record.receipt().folio_balance()) + ")"});
  }
  table.Add({"accepted at", record.accepted_at()});
  table.Add({"updated at", record.updated_at()});
  table.Print(std::cout);
  if (!record.error_message().empty()) {
    std::cout << "\nerror: " << record.error_code() << ": " << record.error_message() << '\n';
  }
  if (!record.hint().empty()) std::cout << "hint: " << record.hint() << '\n';
  if (record.state() == v1::POSTING_STATE_FAILED) {
    std::cout << "to send it again: chansync posting force " << p.id() << " --property "
              << p.property_id() << '\n';
  }
}

void PrintGuests(const v1::SearchGuestsResponse& response) {
  std::cout << response.guests_size() << (response.guests_size() == 1 ? " guest\n" : " guests\n");
  if (response.guests_size() == 0) return;
  Table table({"ROOM", "LAST NAME", "FIRST NAME", "COMPANY", "STAY", "ARRIVAL", "DEPARTURE"});
  for (const auto& guest : response.guests()) {
    table.Add({OrDash(guest.room()), guest.last_name(), guest.first_name(), OrDash(guest.company()),
               guest.stay_id(), guest.arrival(), guest.departure()});
  }
  table.Print(std::cout);
}

void PrintEndOfDay(const v1::EndOfDaySummary& summary) {
  std::cout << "end of day " << summary.business_date() << " of " << summary.property_id()
            << (summary.already_sent() ? ": sent before, at " : ": sent at ") << summary.sent_at()
            << '\n';
  if (summary.lines_size() == 0) return;
  Table table({"POS", "REVENUE CENTRE", "OUTLET", "CODE", "AMOUNT", "TIP", "POSTINGS"});
  for (const auto& line : summary.lines()) {
    table.Add({line.pos_id(), line.revenue_centre(), line.outlet(), line.transaction_code(),
               Amount(line.amount()),
               FormatAmount(line.tip_minor_units(), line.amount().currency()),
               std::to_string(line.postings())});
  }
  table.Print(std::cout);
}

void PrintPostingSetup(const v1::PostingSetup& setup) {
  std::cout << "closing time " << setup.closing_time() << "; post prepayments "
            << (setup.post_prepayments() ? "on" : "off") << "; reverse deposit on check-out "
            << (setup.reverse_deposit_on_checkout() ? "on" : "off")
            << "; post offline membership payments "
            << (setup.post_offline_membership_payments() ? "on" : "off") << '\n';
  Table centres({"REVENUE CENTRE", "OUTLET", "TRANSACTION CODE"});
  // Protobuf maps have no order: by name, for a stable table.
  const std::map<std::string, v1::SalesOutlet> by_centre(setup.revenue_centres().begin(),
                                                         setup.revenue_centres().end());
  for (const auto& [centre, outlet] : by_centre) {
    centres.Add({centre, outlet.outlet(), outlet.transaction_code()});
  }
  if (centres.size() > 0) {
    std::cout << '\n';
    centres.Print(std::cout);
  }
  Table types({"PAYMENT TYPE", "SELECTOR"});
  const std::map<std::string, std::string> by_type(setup.payment_types().begin(),
                                                   setup.payment_types().end());
  for (const auto& [type, selector] : by_type) types.Add({type, selector});
  if (types.size() > 0) {
    std::cout << '\n';
    types.Print(std::cout);
  }
}

}  // namespace chansync::app
