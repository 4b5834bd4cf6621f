#include "cli_admin.h"

#include <iostream>

#include "chansync/v1/admin.grpc.pb.h"
#include "cli_support.h"
#include "table.h"

namespace chansync::app {
namespace {

using Stub = v1::AdminService::Stub;

constexpr const char* kProductsUsage =
    "usage: chansync products --property P [--channel C] [--json] [--server HOST:PORT]\n";
constexpr const char* kOptionsUsage =
    "usage: chansync options --property P --channel C --product CP [--json]\n";
constexpr const char* kLinkUsage =
    "usage: chansync link product --property P --channel C --product CP --pms-product PP\n"
    "       chansync link option --property P --channel C --product CP --option CO "
    "--pms-option PO\n";
constexpr const char* kUnlinkUsage =
    "usage: chansync unlink product --property P --channel C --product CP\n"
    "       chansync unlink option --property P --channel C --product CP --option CO\n";
constexpr const char* kModeUsage =
    "usage: chansync mode --property P [classic|pms] [--nightly on|off] [--recheck on|off]\n"
    "                     [--integration on|off] [--multi-link on|off] [--json]\n";
constexpr const char* kPropertiesUsage = "usage: chansync properties [--json]\n";
constexpr const char* kChannelsUsage = "usage: chansync channels [--json]\n";
constexpr const char* kCatalogUsage = "usage: chansync catalog sync --property P [--json]\n";

OptionSpec Required(std::string name, std::string value_name, std::string about) {
  return {std::move(name), std::move(value_name), std::move(about), true};
}

// --property, --channel and --product: the channel product a link command is about.
std::vector<OptionSpec> ChannelProductOptions() {
  return {Required("property", "P", "the property"), Required("channel", "C", "the channel"),
          Required("product", "CP", "the channel's product")};
}

OptionSpec ChannelOptionOption() { return Required("option", "CO", "the channel's option"); }

template <typename Request>
Request ChannelProductRequest(const Args& args) {
  Request request;
  request.set_property_id(args.GetOr("property", ""));
  request.set_channel_id(args.GetOr("channel", ""));
  request.set_channel_product_id(args.GetOr("product", ""));
  return request;
}

std::string LinkStateName(v1::LinkState state) {
  return state == v1::LINK_STATE_LINKED ? "linked" : "free";
}

std::string ModeName(v1::GatewayMode mode) {
  return mode == v1::GATEWAY_MODE_CLASSIC ? "classic (0)" : "pms (1)";
}

std::string OnOff(bool on) { return on ? "on" : "off"; }

core::Result<bool> ParseOnOff(const std::string& flag, const std::string& value) {
  if (value == "on" || value == "true" || value == "1") return true;
  if (value == "off" || value == "false" || value == "0") return false;
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    "--" + flag + " takes on or off, got \"" + value + "\"");
}

void PrintProducts(const v1::ListProductsResponse& response) {
  std::cout << "Channel products\n";
  Table channel_table({"CHANNEL", "PRODUCT", "NAME", "STATE", "PMS PRODUCT", "OPTIONS LINKED"});
  for (const auto& cp : response.channel_products()) {
    int linked_options = 0;
    for (const auto& o : cp.options()) linked_options += o.state() == v1::LINK_STATE_LINKED;
    channel_table.Add({cp.channel_id(), cp.product().id(), cp.product().name(),
                       cp.state() == v1::LINK_STATE_LINKED ? "already linked" : "free",
                       cp.pms_product_id().empty() ? "-" : cp.pms_product_id(),
                       std::to_string(linked_options) + "/" + std::to_string(cp.options_size())});
  }
  channel_table.Print(std::cout);
  std::cout << "\nPMS products (multi-link " << OnOff(response.multi_link()) << ")\n";
  Table pms_table({"PMS PRODUCT", "NAME", "UNITS", "STATE", "LINKED TO"});
  for (const auto& pp : response.pms_products()) {
    std::string linked_to;
    for (const auto& ref : pp.linked_to()) {
      if (!linked_to.empty()) linked_to += ", ";
      linked_to += ref.channel_id() + "/" + ref.channel_product_id();
    }
    std::string state = pp.state() == v1::LINK_STATE_LINKED ? "already linked" : "free";
    if (pp.state() == v1::LINK_STATE_LINKED && pp.selectable()) state += " (selectable)";
    pms_table.Add({pp.product().id(), pp.product().name(), std::to_string(pp.product().units()),
                   state, linked_to.empty() ? "-" : linked_to});
  }
  pms_table.Print(std::cout);
}

void PrintOptions(const v1::ListOptionsResponse& response) {
  std::cout << "Options of " << response.link().channel_id() << "/"
            << response.link().channel_product_id() << " -> " << response.link().pms_product_id()
            << "\n";
  Table channel_table({"CHANNEL OPTION", "NAME", "STATE", "PMS OPTION"});
  for (const auto& o : response.channel_options()) {
    channel_table.Add({o.option().id(), o.option().name(), LinkStateName(o.state()),
                       o.pms_option_id().empty() ? "-" : o.pms_option_id()});
  }
  channel_table.Print(std::cout);
  std::cout << '\n';
  Table pms_table({"PMS OPTION", "NAME", "STATE", "CHANNEL OPTION"});
  for (const auto& o : response.pms_options()) {
    pms_table.Add({o.option().id(), o.option().name(), LinkStateName(o.state()),
                   o.channel_option_id().empty() ? "-" : o.channel_option_id()});
  }
  pms_table.Print(std::cout);
}

void PrintGateway(const v1::GatewaySettings& settings) {
  Table table({"PROPERTY", "MODE", "NIGHTLY PLANNING", "RE-CHECK", "INTEGRATION", "MULTI-LINK"});
  table.Add({settings.property_id(), ModeName(settings.mode()),
             OnOff(settings.levels().nightly_planning()),
             OnOff(settings.levels().availability_recheck()),
             OnOff(settings.levels().auto_integration()), OnOff(settings.multi_link())});
  table.Print(std::cout);
}

void PrintProperties(const v1::ListPropertiesResponse& response) {
  Table table({"PROPERTY", "NAME", "TIMEZONE", "MODE", "PMS ENDPOINT"});
  for (const auto& p : response.properties()) {
    table.Add({p.id(), p.name(), p.timezone(), ModeName(p.mode()),
               p.pms().endpoint().empty() ? "-" : p.pms().endpoint()});
  }
  table.Print(std::cout);
}

void PrintChannels(const v1::ListChannelsResponse& response) {
  Table table({"CHANNEL", "NAME", "PLANNING ENDPOINT"});
  for (const auto& c : response.channels()) {
    table.Add({c.id(), c.name(), c.planning_endpoint().empty() ? "-" : c.planning_endpoint()});
  }
  table.Print(std::cout);
}

int Products(const Args& args) {
  v1::ListProductsRequest request;
  request.set_property_id(args.GetOr("property", ""));
  request.set_channel_id(args.GetOr("channel", ""));
  return CallAndPrint(args, &Stub::ListProducts, request, PrintProducts);
}

int Options(const Args& args) {
  return CallAndPrint(args, &Stub::ListOptions, ChannelProductRequest<v1::ListOptionsRequest>(args),
                      PrintOptions);
}

int LinkProduct(const Args& args) {
  auto request = ChannelProductRequest<v1::LinkProductRequest>(args);
  request.set_pms_product_id(args.GetOr("pms-product", ""));
  return CallAndPrint(args, &Stub::LinkProduct, request, [](const v1::ProductLink& link) {
    std::cout << "linked " << link.channel_id() << "/" << link.channel_product_id() << " -> "
              << link.pms_product_id() << '\n';
  });
}

int LinkOption(const Args& args) {
  auto request = ChannelProductRequest<v1::LinkOptionRequest>(args);
  request.set_channel_option_id(args.GetOr("option", ""));
  request.set_pms_option_id(args.GetOr("pms-option", ""));
  return CallAndPrint(args, &Stub::LinkOption, request, [](const v1::OptionLink& link) {
    std::cout << "linked option " << link.channel_option_id() << " -> " << link.pms_option_id()
              << " (in " << link.channel_id() << "/" << link.channel_product_id() << ")\n";
  });
}

int UnlinkProduct(const Args& args) {
  const auto request = ChannelProductRequest<v1::UnlinkProductRequest>(args);
  return CallAndPrint(
      args, &Stub::UnlinkProduct, request, [&](const v1::UnlinkProductResponse& response) {
        std::cout << "unlinked " << request.channel_id() << "/" << request.channel_product_id()
                  << " (" << response.removed_option_links() << " option links removed)\n";
      });
}

int UnlinkOption(const Args& args) {
  auto request = ChannelProductRequest<v1::UnlinkOptionRequest>(args);
  request.set_channel_option_id(args.GetOr("option", ""));
  return CallAndPrint(args, &Stub::UnlinkOption, request, [&](const v1::UnlinkOptionResponse&) {
    std::cout << "unlinked option " << request.channel_option_id() << " of " << request.channel_id()
              << "/" << request.channel_product_id() << '\n';
  });
}

// The changes `mode` asks for: the positional mode and the level switches. False when none.
core::Result<bool> ModeChanges(const Args& args, v1::SetGatewayRequest& request) {
  bool changes = false;
  if (!args.positionals().empty()) {
    const std::string& mode = args.positionals().front();
    if (mode == "classic" || mode == "0") {
      request.set_mode(v1::GATEWAY_MODE_CLASSIC);
    } else if (mode == "pms" || mode == "1") {
      request.set_mode(v1::GATEWAY_MODE_PMS);
    } else {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        "mode must be classic (0) or pms (1), got \"" + mode + "\"");
    }
    changes = true;
  }
  struct LevelFlag {
    const char* flag;
    void (v1::SetGatewayRequest::*set)(bool);
  };
  for (const LevelFlag& level : {LevelFlag{"nightly", &v1::SetGatewayRequest::set_nightly_planning},
                                 {"recheck", &v1::SetGatewayRequest::set_availability_recheck},
                                 {"integration", &v1::SetGatewayRequest::set_auto_integration},
                                 {"multi-link", &v1::SetGatewayRequest::set_multi_link}}) {
    auto value = args.Get(level.flag);
    if (!value) continue;
    ASSIGN_OR_RETURN(const bool on, ParseOnOff(level.flag, *value));
    (request.*level.set)(on);
    changes = true;
  }
  return changes;
}

int Mode(const Args& args) {
  v1::SetGatewayRequest request;
  request.set_property_id(args.GetOr("property", ""));
  auto changes = ModeChanges(args, request);
  if (!changes) return ReportUsage(changes.error().message, kModeUsage);
  if (*changes) return CallAndPrint(args, &Stub::SetGateway, request, PrintGateway);
  v1::GetGatewayRequest get;
  get.set_property_id(request.property_id());
  return CallAndPrint(args, &Stub::GetGateway, get, PrintGateway);
}

int Properties(const Args& args) {
  return CallAndPrint(args, &Stub::ListProperties, v1::ListPropertiesRequest(), PrintProperties);
}

int Channels(const Args& args) {
  return CallAndPrint(args, &Stub::ListChannels, v1::ListChannelsRequest(), PrintChannels);
}

int CatalogSync(const Args& args) {
  v1::SyncPmsCatalogRequest request;
  request.set_property_id(args.GetOr("property", ""));
  return CallAndPrint(
      args, &Stub::SyncPmsCatalog, request, [&](const v1::SyncPmsCatalogResponse& response) {
        std::cout << "PMS catalog of " << request.property_id() << ": " << response.products()
                  << " products, " << response.options() << " options, " << response.removed_links()
                  << " stale links removed\n";
      });
}

// `chansync link`, `unlink` and `catalog` name what they act on in a second word.
CommandSpec AskWhich(std::string name, std::string about, std::string usage, std::string question) {
  return {.path = {std::move(name)},
          .group = "admin",
          .about = std::move(about),
          .usage = usage,
          .run = [question, usage](const Args&) { return ReportUsage(question, usage); }};
}

std::vector<OptionSpec> With(std::vector<OptionSpec> options, std::vector<OptionSpec> more) {
  options.insert(options.end(), more.begin(), more.end());
  return options;
}

}  // namespace

void AddAdminCommands(CommandLine& cli) {
  const OptionSpec property = Required("property", "P", "the property");
  cli.Add(ClientCommand({.path = {"properties"},
                         .group = "admin",
                         .about = "list properties",
                         .usage = kPropertiesUsage,
                         .run = Properties}));
  cli.Add(ClientCommand({.path = {"channels"},
                         .group = "admin",
                         .about = "list channels",
                         .usage = kChannelsUsage,
                         .run = Channels}));
  cli.Add(ClientCommand({.path = {"products"},
                         .group = "admin",
                         .about = "channel and PMS products with their link state",
                         .usage = kProductsUsage,
                         .options = {property, {"channel", "C", "only this channel's products"}},
                         .run = Products}));
  cli.Add(ClientCommand({.path = {"options"},
                         .group = "admin",
                         .about = "options of a product link with their link state",
                         .usage = kOptionsUsage,
                         .options = ChannelProductOptions(),
                         .run = Options}));
  cli.Add(AskWhich("link", "link a channel product or option to the PMS's", kLinkUsage,
                   "say what to link: product or option"));
  cli.Add(ClientCommand(
      {.path = {"link", "product"},
       .about = "link a channel product to a PMS product",
       .usage = kLinkUsage,
       .options = With(ChannelProductOptions(), {Required("pms-product", "PP", "the PMS product")}),
       .run = LinkProduct}));
  cli.Add(ClientCommand(
      {.path = {"link", "option"},
       .about = "link a channel option to a PMS option inside a product link",
       .usage = kLinkUsage,
       .options = With(ChannelProductOptions(),
                       {ChannelOptionOption(), Required("pms-option", "PO", "the PMS option")}),
       .run = LinkOption}));
  cli.Add(AskWhich("unlink", "unlink a channel product or option", kUnlinkUsage,
                   "say what to unlink: product or option"));
  cli.Add(ClientCommand({.path = {"unlink", "product"},
                         .about = "unlink a product (its option links go with it)",
                         .usage = kUnlinkUsage,
                         .options = ChannelProductOptions(),
                         .run = UnlinkProduct}));
  cli.Add(ClientCommand({.path = {"unlink", "option"},
                         .about = "unlink an option",
                         .usage = kUnlinkUsage,
                         .options = With(ChannelProductOptions(), {ChannelOptionOption()}),
                         .run = UnlinkOption}));
  cli.Add(AskWhich("catalog", "the property's PMS catalog", kCatalogUsage,
                   "say what to do with the catalog: sync"));
  cli.Add(ClientCommand({.path = {"catalog", "sync"},
                         .about = "read the property's products and options from its PMS",
                         .usage = kCatalogUsage,
                         .options = {property},
                         .run = CatalogSync}));
  cli.Add(ClientCommand(
      {.path = {"mode"},
       .group = "admin",
       .about = "show or change the gateway mode and levels",
       .usage = kModeUsage,
       .options = {property,
                   {"nightly", "on|off", "nightly planning refresh"},
                   {"recheck", "on|off", "availability re-check while booking"},
                   {"integration", "on|off", "automatic integration"},
                   {"multi-link", "on|off", "several channel products per PMS product"}},
       .positionals = {{"MODE", "", "classic (0) or pms (1); omitted: show"}},
       .run = Mode}));
}

}  // namespace chansync::app
