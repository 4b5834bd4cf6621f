#include "cli_admin.h"

#include <iostream>

#include "chansync/v1/admin.grpc.pb.h"
#include "cli_support.h"
#include "table.h"

namespace chansync::app {
namespace {

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

void PrintGateway(const v1::GatewaySettings& settings) {
  Table table({"PROPERTY", "MODE", "NIGHTLY PLANNING", "RE-CHECK", "INTEGRATION", "MULTI-LINK"});
  table.Add({settings.property_id(), ModeName(settings.mode()),
             OnOff(settings.levels().nightly_planning()),
             OnOff(settings.levels().availability_recheck()),
             OnOff(settings.levels().auto_integration()), OnOff(settings.multi_link())});
  table.Print(std::cout);
}

}  // namespace

int ProductsCommand(const std::vector<std::string>& words) {
  auto args = ParseCommand(words, {"property", "channel"});
  if (!args) return ReportUsage(args.error().message, kProductsUsage);
  auto property = args->Require("property");
  if (!property) return ReportUsage(property.error().message, kProductsUsage);
  v1::ListProductsRequest request;
  request.set_property_id(*property);
  request.set_channel_id(args->GetOr("channel", ""));
  v1::ListProductsResponse response;
  auto stub = v1::AdminService::NewStub(ConnectToServer(*args));
  auto status = stub->ListProducts(CallContext(*args).get(), request, &response);
  if (!status.ok()) return ReportRpcError(status);
  if (args->Has("json")) {
    std::cout << ToJson(response) << '\n';
  } else {
    PrintProducts(response);
  }
  return kExitOk;
}

int OptionsCommand(const std::vector<std::string>& words) {
  auto args = ParseCommand(words, {"property", "channel", "product"});
  if (!args) return ReportUsage(args.error().message, kOptionsUsage);
  v1::ListOptionsRequest request;
  for (auto [flag, setter] : {std::pair<const char*, std::string* (v1::ListOptionsRequest::*)()>{
                                  "property", &v1::ListOptionsRequest::mutable_property_id},
                              {"channel", &v1::ListOptionsRequest::mutable_channel_id},
                              {"product", &v1::ListOptionsRequest::mutable_channel_product_id}}) {
    auto value = args->Require(flag);
    if (!value) return ReportUsage(value.error().message, kOptionsUsage);
    *(request.*setter)() = *value;
  }
  v1::ListOptionsResponse response;
  auto stub = v1::AdminService::NewStub(ConnectToServer(*args));
  auto status = stub->ListOptions(CallContext(*args).get(), request, &response);
  if (!status.ok()) return ReportRpcError(status);
  if (args->Has("json")) {
    std::cout << ToJson(response) << '\n';
    return kExitOk;
  }
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
  return kExitOk;
}

int LinkCommand(const std::vector<std::string>& words) {
  if (words.empty() || (words[0] != "product" && words[0] != "option")) {
    return ReportUsage("say what to link: product or option", kLinkUsage);
  }
  const bool product = words[0] == "product";
  auto args = ParseCommand(
      {words.begin() + 1, words.end()},
      product ? std::vector<std::string>{"property", "channel", "product", "pms-product"}
              : std::vector<std::string>{"property", "channel", "product", "option", "pms-option"});
  if (!args) return ReportUsage(args.error().message, kLinkUsage);
  std::vector<std::string> values;
  for (const char* flag : {"property", "channel", "product"}) {
    auto value = args->Require(flag);
    if (!value) return ReportUsage(value.error().message, kLinkUsage);
    values.push_back(*value);
  }
  auto stub = v1::AdminService::NewStub(ConnectToServer(*args));
  if (product) {
    auto pms_product = args->Require("pms-product");
    if (!pms_product) return ReportUsage(pms_product.error().message, kLinkUsage);
    v1::LinkProductRequest request;
    request.set_property_id(values[0]);
    request.set_channel_id(values[1]);
    request.set_channel_product_id(values[2]);
    request.set_pms_product_id(*pms_product);
    v1::ProductLink response;
    auto status = stub->LinkProduct(CallContext(*args).get(), request, &response);
    if (!status.ok()) return ReportRpcError(status);
    if (args->Has("json")) {
      std::cout << ToJson(response) << '\n';
    } else {
      std::cout << "linked " << response.channel_id() << "/" << response.channel_product_id()
                << " -> " << response.pms_product_id() << '\n';
    }
    return kExitOk;
  }
  auto option = args->Require("option");
  if (!option) return ReportUsage(option.error().message, kLinkUsage);
  auto pms_option = args->Require("pms-option");
  if (!pms_option) return ReportUsage(pms_option.error().message, kLinkUsage);
  v1::LinkOptionRequest request;
  request.set_property_id(values[0]);
  request.set_channel_id(values[1]);
  request.set_channel_product_id(values[2]);
  request.set_channel_option_id(*option);
  request.set_pms_option_id(*pms_option);
  v1::OptionLink response;
  auto status = stub->LinkOption(CallContext(*args).get(), request, &response);
  if (!status.ok()) return ReportRpcError(status);
  if (args->Has("json")) {
    std::cout << ToJson(response) << '\n';
  } else {
    std::cout << "linked option " << response.channel_option_id() << " -> "
              << response.pms_option_id() << " (in " << response.channel_id() << "/"
              << response.channel_product_id() << ")\n";
  }
  return kExitOk;
}

int UnlinkCommand(const std::vector<std::string>& words) {
  if (words.empty() || (words[0] != "product" && words[0] != "option")) {
    return ReportUsage("say what to unlink: product or option", kUnlinkUsage);
  }
  const bool product = words[0] == "product";
  auto args =
      ParseCommand({words.begin() + 1, words.end()},
                   product ? std::vector<std::string>{"property", "channel", "product"}
                           : std::vector<std::string>{"property", "channel", "product", "option"});
  if (!args) return ReportUsage(args.error().message, kUnlinkUsage);
  std::vector<std::string> values;
  for (const char* flag : {"property", "channel", "product"}) {
    auto value = args->Require(flag);
    if (!value) return ReportUsage(value.error().message, kUnlinkUsage);
    values.push_back(*value);
  }
  auto stub = v1::AdminService::NewStub(ConnectToServer(*args));
  if (product) {
    v1::UnlinkProductRequest request;
    request.set_property_id(values[0]);
    request.set_channel_id(values[1]);
    request.set_channel_product_id(values[2]);
    v1::UnlinkProductResponse response;
    auto status = stub->UnlinkProduct(CallContext(*args).get(), request, &response);
    if (!status.ok()) return ReportRpcError(status);
    if (args->Has("json")) {
      std::cout << ToJson(response) << '\n';
    } else {
      std::cout << "unlinked " << values[1] << "/" << values[2] << " ("
                << response.removed_option_links() << " option links removed)\n";
    }
    return kExitOk;
  }
  auto option = args->Require("option");
  if (!option) return ReportUsage(option.error().message, kUnlinkUsage);
  v1::UnlinkOptionRequest request;
  request.set_property_id(values[0]);
  request.set_channel_id(values[1]);
  request.set_channel_product_id(values[2]);
  request.set_channel_option_id(*option);
  v1::UnlinkOptionResponse response;
  auto status = stub->UnlinkOption(CallContext(*args).get(), request, &response);
  if (!status.ok()) return ReportRpcError(status);
  if (args->Has("json")) {
    std::cout << ToJson(response) << '\n';
  } else {
    std::cout << "unlinked option " << *option << " of " << values[1] << "/" << values[2] << '\n';
  }
  return kExitOk;
}

int ModeCommand(const std::vector<std::string>& words) {
  auto args = ParseCommand(words, {"property", "nightly", "recheck", "integration", "multi-link"});
  if (!args) return ReportUsage(args.error().message, kModeUsage);
  auto property = args->Require("property");
  if (!property) return ReportUsage(property.error().message, kModeUsage);
  v1::SetGatewayRequest request;
  request.set_property_id(*property);
  bool changes = false;
  if (!args->positionals().empty()) {
    const std::string& mode = args->positionals().front();
    if (mode == "classic" || mode == "0") {
      request.set_mode(v1::GATEWAY_MODE_CLASSIC);
    } else if (mode == "pms" || mode == "1") {
      request.set_mode(v1::GATEWAY_MODE_PMS);
    } else {
      return ReportUsage("mode must be classic (0) or pms (1), got \"" + mode + "\"", kModeUsage);
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
    auto value = args->Get(level.flag);
    if (!value) continue;
    auto on = ParseOnOff(level.flag, *value);
    if (!on) return ReportUsage(on.error().message, kModeUsage);
    (request.*level.set)(*on);
    changes = true;
  }
  auto stub = v1::AdminService::NewStub(ConnectToServer(*args));
  v1::GatewaySettings response;
  grpc::Status status;
  if (changes) {
    status = stub->SetGateway(CallContext(*args).get(), request, &response);
  } else {
    v1::GetGatewayRequest get;
    get.set_property_id(*property);
    status = stub->GetGateway(CallContext(*args).get(), get, &response);
  }
  if (!status.ok()) return ReportRpcError(status);
  if (args->Has("json")) {
    std::cout << ToJson(response) << '\n';
  } else {
    PrintGateway(response);
  }
  return kExitOk;
}

int PropertiesCommand(const std::vector<std::string>& words) {
  auto args = ParseCommand(words, {});
  if (!args) return ReportUsage(args.error().message, kPropertiesUsage);
  auto stub = v1::AdminService::NewStub(ConnectToServer(*args));
  v1::ListPropertiesResponse response;
  auto status =
      stub->ListProperties(CallContext(*args).get(), v1::ListPropertiesRequest(), &response);
  if (!status.ok()) return ReportRpcError(status);
  if (args->Has("json")) {
    std::cout << ToJson(response) << '\n';
    return kExitOk;
  }
  Table table({"PROPERTY", "NAME", "TIMEZONE", "MODE", "PMS ENDPOINT"});
  for (const auto& p : response.properties()) {
    table.Add({p.id(), p.name(), p.timezone(), ModeName(p.mode()),
               p.pms().endpoint().empty() ? "-" : p.pms().endpoint()});
  }
  table.Print(std::cout);
  return kExitOk;
}

int ChannelsCommand(const std::vector<std::string>& words) {
  auto args = ParseCommand(words, {});
  if (!args) return ReportUsage(args.error().message, kChannelsUsage);
  auto stub = v1::AdminService::NewStub(ConnectToServer(*args));
  v1::ListChannelsResponse response;
  auto status = stub->ListChannels(CallContext(*args).get(), v1::ListChannelsRequest(), &response);
  if (!status.ok()) return ReportRpcError(status);
  if (args->Has("json")) {
    std::cout << ToJson(response) << '\n';
    return kExitOk;
  }
  Table table({"CHANNEL", "NAME", "PLANNING ENDPOINT"});
  for (const auto& c : response.channels()) {
    table.Add({c.id(), c.name(), c.planning_endpoint().empty() ? "-" : c.planning_endpoint()});
  }
  table.Print(std::cout);
  return kExitOk;
}

int CatalogCommand(const std::vector<std::string>& words) {
  if (words.empty() || words[0] != "sync") {
    return ReportUsage("say what to do with the catalog: sync", kCatalogUsage);
  }
  auto args = ParseCommand({words.begin() + 1, words.end()}, {"property"});
  if (!args) return ReportUsage(args.error().message, kCatalogUsage);
  auto property = args->Require("property");
  if (!property) return ReportUsage(property.error().message, kCatalogUsage);
  v1::SyncPmsCatalogRequest request;
  request.set_property_id(*property);
  v1::SyncPmsCatalogResponse response;
  auto stub = v1::AdminService::NewStub(ConnectToServer(*args));
  auto status = stub->SyncPmsCatalog(CallContext(*args).get(), request, &response);
  if (!status.ok()) return ReportRpcError(status);
  if (args->Has("json")) {
    std::cout << ToJson(response) << '\n';
  } else {
    std::cout << "PMS catalog of " << *property << ": " << response.products() << " products, "
              << response.options() << " options, " << response.removed_links()
              << " stale links removed\n";
  }
  return kExitOk;
}

}  // namespace chansync::app
