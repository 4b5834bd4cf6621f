#include "cli_postings.h"

#include <iostream>

#include "chansync/v1/postings.grpc.pb.h"
#include "cli_support.h"
#include "posting_cli_requests.h"
#include "posting_print.h"

namespace chansync::app {
namespace {

using Stub = v1::PostingService::Stub;

constexpr const char* kPostingsUsage =
    "usage: chansync postings --property P --day YYYY-MM-DD [--failed] [--json]\n";
constexpr const char* kPostingUsage =
    "usage: chansync posting show ID --property P [--json]\n"
    "       chansync posting force ID --property P [--json]\n";
constexpr const char* kGuestsUsage = "usage: chansync guests --property P --search TEXT [--json]\n";
constexpr const char* kEodUsage = "usage: chansync eod --property P [--day YYYY-MM-DD] [--json]\n";
constexpr const char* kSetupUsage =
    "usage: chansync posting-setup --property P [--closing HH:MM]\n"
    "                              [--revenue-centre NAME=OUTLET:CODE]...\n"
    "                              [--payment-type NAME=SELECTOR]...\n"
    "                              [--post-prepayments on|off] [--reverse-deposit-on-checkout "
    "on|off]\n"
    "                              [--post-offline-membership-payments on|off] [--json]\n"
    "       without a change it shows the property's posting set-up\n";

int Postings(const Args& args) {
  auto request = ListPostingsRequestOf(args);
  if (!request) return ReportUsage(request.error().message, kPostingsUsage);
  return CallAndPrint(args, &Stub::ListPostings, *request, PrintDayReport);
}

int PostingShow(const Args& args) {
  auto id = PostingIdOf(args);
  if (!id) return ReportUsage(id.error().message, kPostingUsage);
  v1::GetPostingRequest request;
  request.set_property_id(id->first);
  request.set_posting_id(id->second);
  return CallAndPrint(args, &Stub::GetPosting, request, PrintPostingRecord);
}

int PostingForce(const Args& args) {
  auto id = PostingIdOf(args);
  if (!id) return ReportUsage(id.error().message, kPostingUsage);
  v1::ForcePostingRequest request;
  request.set_property_id(id->first);
  request.set_posting_id(id->second);
  return CallAndPrint(args, &Stub::ForcePosting, request, PrintPostingRecord);
}

int Guests(const Args& args) {
  auto request = SearchGuestsRequestOf(args);
  if (!request) return ReportUsage(request.error().message, kGuestsUsage);
  return CallAndPrint(args, &Stub::SearchGuests, *request, PrintGuests);
}

int EndOfDay(const Args& args) {
  auto request = EndOfDayRequestOf(args);
  if (!request) return ReportUsage(request.error().message, kEodUsage);
  return CallAndPrint(args, &Stub::RunEndOfDay, *request, PrintEndOfDay);
}

// A change another admin stores between our read and our write is not overwritten: the write
// names the set-up it was made to, and a refused one is made again on a fresh read.
constexpr int kSetupAttempts = 5;

// Reads the set-up, applies the command line's changes and stores the whole of it, compared
// and set against what was read: the service keeps one set-up per property.
int PostingSetup(const Args& args) {
  auto property = args.Require("property");
  if (!property) return ReportUsage(property.error().message, kSetupUsage);
  v1::GetPostingSetupRequest get;
  get.set_property_id(*property);
  if (!ChangesPostingSetup(args)) {
    return CallAndPrint(args, &Stub::GetPostingSetup, get, PrintPostingSetup);
  }
  auto channel = ConnectToServer(args);
  if (!channel) return ReportUsageError(channel.error());
  Stub stub(*channel);
  for (int attempt = 1;; ++attempt) {
    v1::SetPostingSetupRequest set;
    set.set_property_id(*property);
    const grpc::Status read =
        stub.GetPostingSetup(CallContext(args).get(), get, set.mutable_expected());
    if (!read.ok()) return ReportRpcError(read);
    *set.mutable_setup() = set.expected();
    if (auto applied = ApplyPostingSetupArgs(args, *set.mutable_setup()); !applied) {
      return ReportUsage(applied.error().message, kSetupUsage);
    }
    v1::PostingSetup stored;
    const grpc::Status written = stub.SetPostingSetup(CallContext(args).get(), set, &stored);
    if (written.error_code() == grpc::StatusCode::ABORTED && attempt < kSetupAttempts) continue;
    if (!written.ok()) return ReportRpcError(written);
    return PrintAnswer(args, stored, PrintPostingSetup);
  }
}

OptionSpec PropertyOption() { return {"property", "P", "the property", true}; }
OptionSpec IdPositional() { return {"ID", "", "the posting's id, <pos>:<ticket>:<line>[:void]"}; }

}  // namespace

void AddPostingCommands(CommandLine& cli) {
  cli.Add(ClientCommand({.path = {"postings"},
                         .group = "postings",
                         .about = "Posted to PMS: a business day's postings and their totals",
                         .usage = kPostingsUsage,
                         .options = {PropertyOption(),
                                     {"day", "YYYY-MM-DD", "the business day", true},
                                     {"failed", "", "only the failed postings"}},
                         .run = Postings}));
  cli.Add({.path = {"posting"},
           .group = "postings",
           .about = "one posting: posting show ID | posting force ID",
           .usage = kPostingUsage,
           .run = [](const Args&) {
             return ReportUsage("expected: posting show ID or posting force ID", kPostingUsage);
           }});
  cli.Add(ClientCommand({.path = {"posting", "show"},
                         .about = "one posting with its outcome",
                         .usage = kPostingUsage,
                         .options = {PropertyOption()},
                         .positionals = {IdPositional()},
                         .run = PostingShow}));
  cli.Add(ClientCommand({.path = {"posting", "force"},
                         .about = "send a failed posting to the PMS again",
                         .usage = kPostingUsage,
                         .options = {PropertyOption()},
                         .positionals = {IdPositional()},
                         .run = PostingForce}));
  cli.Add(ClientCommand(
      {.path = {"guests"},
       .group = "postings",
       .about = "in-house guests a till may charge, by name, room or company",
       .usage = kGuestsUsage,
       .options = {PropertyOption(), {"search", "TEXT", "part of a name, room or company", true}},
       .run = Guests}));
  cli.Add(ClientCommand(
      {.path = {"eod"},
       .group = "postings",
       .about = "a business day's revenue summary, sent to the PMS once",
       .usage = kEodUsage,
       .options = {PropertyOption(), {"day", "YYYY-MM-DD", "default: the last closed day"}},
       .run = EndOfDay}));
  cli.Add(ClientCommand(
      {.path = {"posting-setup"},
       .group = "postings",
       .about = "a property's closing time, revenue centres, payment types and spa switches",
       .usage = kSetupUsage,
       .options = {PropertyOption(),
                   {"closing", "HH:MM", "local closing time of the business day"},
                   {.name = "revenue-centre",
                    .value_name = "NAME=OUTLET:CODE",
                    .about = "map a revenue centre to a PMS sales outlet and code",
                    .repeatable = true},
                   {.name = "payment-type",
                    .value_name = "NAME=SELECTOR",
                    .about = "map a payment type to a PMS payment selector",
                    .repeatable = true},
                   {"post-prepayments", "on|off", "post spa prepayments to Deposit"},
                   {"reverse-deposit-on-checkout", "on|off", "redeem deposits at check-out"},
                   {"post-offline-membership-payments", "on|off", "post offline memberships"}},
       .run = PostingSetup}));
}

}  // namespace chansync::app
