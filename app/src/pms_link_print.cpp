#include "pms_link_print.h"

namespace chansync::app {
namespace {

void PrintMessage(const char* label, const v1::RelayMessage& message, std::ostream& out) {
  out << "  " << label;
  if (message.at().empty()) {
    out << "-\n";
    return;
  }
  out << message.at() << "  " << message.record();
  if (!message.reason().empty()) out << "  (" << message.reason() << ")";
  out << '\n';
}

}  // namespace

void PrintPmsLinks(const v1::GetPmsLinkStatusResponse& response, std::ostream& out) {
  if (response.links().empty()) out << "no PMS relay (no property on FIAS)\n";
  for (const v1::PmsLinkStatus& link : response.links()) {
    out << link.property_id() << "  " << link.interface() << "  "
        << (link.ok() ? "OK" : "RELAY DOWN") << " since " << link.since();
    if (!link.ok() && !link.link_failure().empty()) out << ": " << link.link_failure();
    out << "\n  connections: " << link.connections()
        << ", postings awaiting an answer: " << link.outstanding() << '\n';
    PrintMessage("last sent:          ", link.last_sent(), out);
    PrintMessage("last acknowledged:  ", link.last_acknowledged(), out);
    PrintMessage("last success:       ", link.last_success(), out);
    PrintMessage("last failure:       ", link.last_failure(), out);
  }
}

}  // namespace chansync::app
