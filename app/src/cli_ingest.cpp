#include "cli_ingest.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <iostream>

#include "chansync/api/grpc/reservation_proto.h"
#include "chansync/core/reservation_json.h"
#include "chansync/core/reservation_json_value.h"
#include "chansync/v1/ingest.grpc.pb.h"
#include "cli_support.h"
#include "text_file.h"

namespace chansync::app {
namespace {

constexpr const char* kPushUsage =
    "usage: chansync push --channel C FILE.json [--json] [--server HOST:PORT]\n"
    "FILE holds one reservation as JSON (the HTTP body format), or a JSON array of them.\n"
    "Every item is checked before anything is sent; with an invalid one nothing is pushed.\n";

int Refuse(const std::string& message) {
  std::cerr << "error: " << message << '\n';
  return kExitRefused;
}

// Each array element is parsed on its own so that errors can say which item is wrong; the
// error message lists every wrong item, one per line.
core::Result<std::vector<core::Reservation>> ParseArray(const rapidjson::Value& array,
                                                        const std::string& channel) {
  std::vector<core::Reservation> reservations;
  std::string errors;
  for (rapidjson::SizeType i = 0; i < array.Size(); ++i) {
    auto parsed = core::ReservationFromJsonValue(array[i], channel);
    if (!parsed) {
      errors += "[" + std::to_string(i) + "] " + parsed.error().ToString() + "\n";
    } else {
      reservations.push_back(std::move(*parsed));
    }
  }
  if (!errors.empty()) return core::Fail(core::ErrorCode::kInvalidReservation, errors);
  return reservations;
}

void PrintAccepted(const v1::PushReservationResponse& response) {
  std::cout << "accepted " << response.id() << " (tracking " << response.tracking_id() << ")\n";
}

int PushOne(const Args& args, const core::Reservation& reservation) {
  v1::PushReservationRequest request;
  *request.mutable_reservation() = api::ReservationToProto(reservation);
  return CallAndPrint(args, &v1::IngestService::Stub::PushReservation, request, PrintAccepted);
}

int PushMany(const Args& args, const std::vector<core::Reservation>& reservations) {
  auto channel = ConnectToServer(args);
  if (!channel) return ReportUsageError(channel.error());
  auto stub = v1::IngestService::NewStub(*channel);
  auto context = CallContext(args);
  v1::PushReservationsResponse response;
  auto writer = stub->PushReservations(context.get(), &response);
  v1::PushReservationRequest request;
  for (const auto& reservation : reservations) {
    *request.mutable_reservation() = api::ReservationToProto(reservation);
    if (!writer->Write(request)) break;  // the server ended the call; Finish says why
  }
  writer->WritesDone();
  auto status = writer->Finish();
  if (!status.ok()) return ReportRpcError(status);
  if (args.Has("json")) {
    std::cout << ToJson(response) << '\n';
  } else {
    for (int i = 0; i < response.results_size(); ++i) {
      const auto& result = response.results(i);
      if (result.has_accepted()) {
        PrintAccepted(result.accepted());
      } else {
        std::cout << "refused [" << i << "] " << result.error().code() << ": "
                  << result.error().message() << '\n';
      }
    }
    std::cout << response.accepted() << " accepted, "
              << response.results_size() - response.accepted() << " refused\n";
  }
  return response.accepted() == response.results_size() ? kExitOk : kExitRefused;
}

int Push(const Args& args) {
  const std::string channel = args.GetOr("channel", "");
  if (args.positionals().size() != 1) {
    return ReportUsage("expected one FILE.json", kPushUsage);
  }
  auto text = ReadTextFile(args.positionals().front());
  if (!text) return ReportUsage(text.error().message, kPushUsage);

  rapidjson::Document doc;
  doc.Parse(text->data(), text->size());
  if (!doc.HasParseError() && doc.IsArray()) {
    auto reservations = ParseArray(doc, channel);
    if (!reservations) {
      std::cerr << reservations.error().message;
      return Refuse("INVALID_RESERVATION: nothing pushed");
    }
    return PushMany(args, *reservations);
  }
  // Objects and malformed JSON alike: the parser names what is wrong.
  auto reservation = core::ReservationFromJson(*text, channel);
  if (!reservation) return Refuse(reservation.error().ToString());
  return PushOne(args, *reservation);
}

}  // namespace

void AddIngestCommands(CommandLine& cli) {
  cli.Add(ClientCommand({.path = {"push"},
                         .group = "ingest",
                         .about = "push a reservation (or a JSON array of them, on one stream)",
                         .usage = kPushUsage,
                         .options = {{"channel", "C", "the channel selling it", true}},
                         .positionals = {{"FILE", "", "the reservation(s) as JSON"}},
                         .run = Push}));
}

}  // namespace chansync::app
