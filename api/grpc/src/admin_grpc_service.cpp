#include "call_guard.h"
#include "chansync/api/grpc/grpc_services.h"
#include "chansync/core/reservation_json.h"
#include "chansync/integration/pms_catalog_sync.h"
#include "chansync/linking/admin.h"
#include "chansync/linking/link_registry.h"
#include "chansync/linking/property_store.h"
#include "chansync/planning/planning_admin.h"
#include "chansync/v1/admin.grpc.pb.h"
#include "proto_convert.h"
#include "status_mapping.h"

namespace chansync::api {
namespace {

v1::GatewaySettings ToProto(const linking::GatewaySettings& settings) {
  v1::GatewaySettings out;
  out.set_property_id(settings.property);
  out.set_mode(api::ToProto(settings.mode));
  out.mutable_levels()->set_nightly_planning(settings.levels.nightly_planning);
  out.mutable_levels()->set_availability_recheck(settings.levels.availability_recheck);
  out.mutable_levels()->set_auto_integration(settings.levels.auto_integration);
  out.set_multi_link(settings.multi_link);
  return out;
}

void FillSummary(const planning::RefreshSummary& summary, v1::RefreshSummary* out) {
  out->set_products(summary.products);
  out->set_days(summary.days);
  out->set_cells_changed(summary.cells_changed);
  out->set_channels_pushed(summary.channels_pushed);
  out->set_duration_ms(summary.duration.count());
}

void FillStatus(const planning::PropertyPlanningStatus& status, v1::PropertyRefreshStatus* out) {
  out->set_property_id(status.property.id);
  out->set_timezone(status.property.timezone);
  out->set_mode(api::ToProto(status.property.mode));
  out->set_nightly_enabled(status.nightly_enabled);
  if (status.last_nightly) out->set_last_nightly_date(status.last_nightly->ToString());
  if (status.next_nightly) out->set_next_nightly_at(core::FormatTimestamp(*status.next_nightly));
  if (!status.last) return;
  const planning::RefreshStatus& last = *status.last;
  v1::LastRefresh* run = out->mutable_last();
  run->set_kind(std::string(planning::RefreshKindName(last.kind)));
  run->set_started_at(core::FormatTimestamp(last.started_at));
  run->set_finished_at(core::FormatTimestamp(last.finished_at));
  run->set_succeeded(last.succeeded);
  if (last.error) {
    run->set_error_code(std::string(core::CodeName(last.error->code)));
    run->set_error_message(last.error->message);
  }
  FillSummary(last.summary, run->mutable_summary());
  run->set_instance(last.instance);
}

v1::LinkState StateOf(bool linked) { return linked ? v1::LINK_STATE_LINKED : v1::LINK_STATE_FREE; }

void FillOptionState(const linking::ChannelOptionState& state, v1::ChannelOptionState* out) {
  *out->mutable_option() = api::ToProto(state.option);
  out->set_state(StateOf(state.pms_option.has_value()));
  if (state.pms_option) out->set_pms_option_id(*state.pms_option);
}

void FillProductState(const linking::ChannelProductState& cp, v1::ChannelProductState* out) {
  out->set_channel_id(cp.channel);
  *out->mutable_product() = api::ToProto(cp.product);
  out->set_state(StateOf(cp.pms_product.has_value()));
  if (cp.pms_product) out->set_pms_product_id(*cp.pms_product);
  for (const auto& option : cp.options) FillOptionState(option, out->add_options());
}

class AdminGrpcService final : public v1::AdminService::Service {
 public:
  AdminGrpcService(const CallSecurity& security, linking::Admin& admin,
                   linking::PropertyStore& properties, linking::LinkRegistry& registry,
                   integration::PmsCatalogSync& catalog_sync, planning::PlanningAdmin* planning)
      : calls_(security, v1::AdminService::service_full_name()),
        admin_(admin),
        properties_(properties),
        registry_(registry),
        catalog_sync_(catalog_sync),
        planning_(planning) {}

  grpc::Status CreateProperty(grpc::ServerContext* context,
                              const v1::CreatePropertyRequest* request,
                              v1::Property* response) override {
    auto principal = calls_.Admit(*context, "CreateProperty");
    if (!principal) return ToGrpcStatus(principal.error());
    return calls_.Audited(*principal, "CreateProperty", *request, response, {},
                          [&]() -> grpc::Status {
                            auto checked = CheckPropertyProto(request->property());
                            if (!checked) return ToGrpcStatus(checked.error());
                            auto created = admin_.CreateProperty(FromProto(request->property()));
                            if (!created) return ToGrpcStatus(created.error());
                            *response = api::ToProto(*created);
                            return grpc::Status::OK;
                          });
  }

  grpc::Status UpdateProperty(grpc::ServerContext* context,
                              const v1::UpdatePropertyRequest* request,
                              v1::Property* response) override {
    auto principal = calls_.Admit(*context, "UpdateProperty");
    if (!principal) return ToGrpcStatus(principal.error());
    return calls_.Audited(
        *principal, "UpdateProperty", *request, response,
        [&] { return PropertyState(request->property().id()); },
        [&]() -> grpc::Status {
          auto checked = CheckPropertyProto(request->property());
          if (!checked) return ToGrpcStatus(checked.error());
          core::Property property = FromProto(request->property());
          if (request->property().mode() == v1::GATEWAY_MODE_UNSPECIFIED) {
            // A request that does not name the mode keeps it.
            auto gateway = admin_.GetGateway(property.id);
            if (!gateway) return ToGrpcStatus(gateway.error());
            property.mode = gateway->mode;
          }
          auto updated = admin_.UpdateProperty(property);
          if (!updated) return ToGrpcStatus(updated.error());
          *response = api::ToProto(*updated);
          return grpc::Status::OK;
        });
  }

  grpc::Status GetProperty(grpc::ServerContext* context, const v1::GetPropertyRequest* request,
                           v1::Property* response) override {
    auto principal = calls_.Admit(*context, "GetProperty");
    if (!principal) return ToGrpcStatus(principal.error());
    auto property = properties_.GetProperty(request->property_id());
    if (!property) return ToGrpcStatus(property.error());
    *response = api::ToProto(*property);
    return grpc::Status::OK;
  }

  grpc::Status ListProperties(grpc::ServerContext* context, const v1::ListPropertiesRequest*,
                              v1::ListPropertiesResponse* response) override {
    auto principal = calls_.Admit(*context, "ListProperties");
    if (!principal) return ToGrpcStatus(principal.error());
    auto properties = properties_.ListProperties();
    if (!properties) return ToGrpcStatus(properties.error());
    for (const auto& p : *properties) *response->add_properties() = api::ToProto(p);
    return grpc::Status::OK;
  }

  grpc::Status CreateChannel(grpc::ServerContext* context, const v1::CreateChannelRequest* request,
                             v1::Channel* response) override {
    auto principal = calls_.Admit(*context, "CreateChannel");
    if (!principal) return ToGrpcStatus(principal.error());
    return calls_.Audited(*principal, "CreateChannel", *request, response, {},
                          [&]() -> grpc::Status {
                            const core::Channel channel = FromProto(request->channel());
                            if (auto s = core::ValidateChannel(channel); !s)
                              return ToGrpcStatus(s.error());
                            if (auto s = properties_.CreateChannel(channel); !s)
                              return ToGrpcStatus(s.error());
                            *response = api::ToProto(channel);
                            return grpc::Status::OK;
                          });
  }

  grpc::Status UpdateChannel(grpc::ServerContext* context, const v1::UpdateChannelRequest* request,
                             v1::Channel* response) override {
    auto principal = calls_.Admit(*context, "UpdateChannel");
    if (!principal) return ToGrpcStatus(principal.error());
    return calls_.Audited(
        *principal, "UpdateChannel", *request, response,
        [&] { return ChannelState(request->channel().id()); },
        [&]() -> grpc::Status {
          const core::Channel channel = FromProto(request->channel());
          if (auto s = core::ValidateChannel(channel); !s) return ToGrpcStatus(s.error());
          if (auto s = properties_.UpdateChannel(channel); !s) return ToGrpcStatus(s.error());
          *response = api::ToProto(channel);
          return grpc::Status::OK;
        });
  }

  grpc::Status ListChannels(grpc::ServerContext* context, const v1::ListChannelsRequest*,
                            v1::ListChannelsResponse* response) override {
    auto principal = calls_.Admit(*context, "ListChannels");
    if (!principal) return ToGrpcStatus(principal.error());
    auto channels = properties_.ListChannels();
    if (!channels) return ToGrpcStatus(channels.error());
    for (const auto& c : *channels) *response->add_channels() = api::ToProto(c);
    return grpc::Status::OK;
  }

  grpc::Status SetChannelProducts(grpc::ServerContext* context,
                                  const v1::SetChannelProductsRequest* request,
                                  v1::SetCatalogResponse* response) override {
    auto principal = calls_.Admit(*context, "SetChannelProducts");
    if (!principal) return ToGrpcStatus(principal.error());
    return calls_.Audited(
        *principal, "SetChannelProducts", *request, response, {}, [&]() -> grpc::Status {
          std::vector<core::ChannelProduct> products;
          for (const auto& p : request->products()) products.push_back(FromProto(p));
          if (auto s = core::ValidateChannelProducts(products); !s) return ToGrpcStatus(s.error());
          auto pruned =
              registry_.SetChannelProducts(request->property_id(), request->channel_id(), products);
          if (!pruned) return ToGrpcStatus(pruned.error());
          response->set_removed_links(*pruned);
          return grpc::Status::OK;
        });
  }

  grpc::Status SetPmsCatalog(grpc::ServerContext* context, const v1::SetPmsCatalogRequest* request,
                             v1::SetCatalogResponse* response) override {
    auto principal = calls_.Admit(*context, "SetPmsCatalog");
    if (!principal) return ToGrpcStatus(principal.error());
    return calls_.Audited(*principal, "SetPmsCatalog", *request, response, {},
                          [&]() -> grpc::Status {
                            core::PmsCatalog catalog;
                            for (const auto& p : request->products())
                              catalog.products.push_back(FromProto(p));
                            for (const auto& o : request->options())
                              catalog.options.push_back(FromProto(o));
                            if (auto s = core::ValidatePmsCatalog(catalog); !s)
                              return ToGrpcStatus(s.error());
                            auto pruned = registry_.SetPmsCatalog(request->property_id(), catalog);
                            if (!pruned) return ToGrpcStatus(pruned.error());
                            response->set_removed_links(*pruned);
                            return grpc::Status::OK;
                          });
  }

  grpc::Status SyncPmsCatalog(grpc::ServerContext* context,
                              const v1::SyncPmsCatalogRequest* request,
                              v1::SyncPmsCatalogResponse* response) override {
    auto principal = calls_.Admit(*context, "SyncPmsCatalog");
    if (!principal) return ToGrpcStatus(principal.error());
    return calls_.Audited(*principal, "SyncPmsCatalog", *request, response, {},
                          [&]() -> grpc::Status {
                            auto report = catalog_sync_.Sync(request->property_id());
                            if (!report) return ToGrpcStatus(report.error());
                            response->set_products(report->products);
                            response->set_options(report->options);
                            response->set_removed_links(report->removed_links);
                            return grpc::Status::OK;
                          });
  }

  grpc::Status ListProducts(grpc::ServerContext* context, const v1::ListProductsRequest* request,
                            v1::ListProductsResponse* response) override {
    auto principal = calls_.Admit(*context, "ListProducts");
    if (!principal) return ToGrpcStatus(principal.error());
    std::optional<core::ChannelId> channel;
    if (!request->channel_id().empty()) channel = request->channel_id();
    auto board = registry_.Products(request->property_id(), channel);
    if (!board) return ToGrpcStatus(board.error());
    response->set_multi_link(board->multi_link);
    for (const auto& cp : board->channel_products) {
      FillProductState(cp, response->add_channel_products());
    }
    for (const auto& pp : board->pms_products) {
      auto* out = response->add_pms_products();
      *out->mutable_product() = api::ToProto(pp.product);
      out->set_state(StateOf(!pp.linked_to.empty()));
      out->set_selectable(pp.selectable);
      for (const auto& ref : pp.linked_to) {
        auto* r = out->add_linked_to();
        r->set_channel_id(ref.channel);
        r->set_channel_product_id(ref.product);
      }
    }
    return grpc::Status::OK;
  }

  grpc::Status LinkProduct(grpc::ServerContext* context, const v1::LinkProductRequest* request,
                           v1::ProductLink* response) override {
    auto principal = calls_.Admit(*context, "LinkProduct");
    if (!principal) return ToGrpcStatus(principal.error());
    return calls_.Audited(*principal, "LinkProduct", *request, response, ProductStateOf(*request),
                          [&]() -> grpc::Status {
                            auto link = registry_.LinkProduct(
                                request->property_id(), request->channel_id(),
                                request->channel_product_id(), request->pms_product_id());
                            if (!link) return ToGrpcStatus(link.error());
                            response->set_property_id(request->property_id());
                            response->set_channel_id(link->channel);
                            response->set_channel_product_id(link->channel_product);
                            response->set_pms_product_id(link->pms_product);
                            return grpc::Status::OK;
                          });
  }

  grpc::Status UnlinkProduct(grpc::ServerContext* context, const v1::UnlinkProductRequest* request,
                             v1::UnlinkProductResponse* response) override {
    auto principal = calls_.Admit(*context, "UnlinkProduct");
    if (!principal) return ToGrpcStatus(principal.error());
    return calls_.Audited(*principal, "UnlinkProduct", *request, response, ProductStateOf(*request),
                          [&]() -> grpc::Status {
                            auto removed = registry_.UnlinkProduct(request->property_id(),
                                                                   request->channel_id(),
                                                                   request->channel_product_id());
                            if (!removed) return ToGrpcStatus(removed.error());
                            response->set_removed_option_links(*removed);
                            return grpc::Status::OK;
                          });
  }

  grpc::Status ListOptions(grpc::ServerContext* context, const v1::ListOptionsRequest* request,
                           v1::ListOptionsResponse* response) override {
    auto principal = calls_.Admit(*context, "ListOptions");
    if (!principal) return ToGrpcStatus(principal.error());
    auto board = registry_.Options(request->property_id(), request->channel_id(),
                                   request->channel_product_id());
    if (!board) return ToGrpcStatus(board.error());
    auto* link = response->mutable_link();
    link->set_property_id(request->property_id());
    link->set_channel_id(board->link.channel);
    link->set_channel_product_id(board->link.channel_product);
    link->set_pms_product_id(board->link.pms_product);
    for (const auto& co : board->channel_options) {
      FillOptionState(co, response->add_channel_options());
    }
    for (const auto& po : board->pms_options) {
      auto* out = response->add_pms_options();
      *out->mutable_option() = api::ToProto(po.option);
      out->set_state(StateOf(po.linked_to.has_value()));
      if (po.linked_to) out->set_channel_option_id(*po.linked_to);
    }
    return grpc::Status::OK;
  }

  grpc::Status LinkOption(grpc::ServerContext* context, const v1::LinkOptionRequest* request,
                          v1::OptionLink* response) override {
    auto principal = calls_.Admit(*context, "LinkOption");
    if (!principal) return ToGrpcStatus(principal.error());
    return calls_.Audited(*principal, "LinkOption", *request, response, ProductStateOf(*request),
                          [&]() -> grpc::Status {
                            auto link = registry_.LinkOption(
                                request->property_id(), request->channel_id(),
                                request->channel_product_id(), request->channel_option_id(),
                                request->pms_option_id());
                            if (!link) return ToGrpcStatus(link.error());
                            response->set_property_id(request->property_id());
                            response->set_channel_id(link->channel);
                            response->set_channel_product_id(link->channel_product);
                            response->set_channel_option_id(link->channel_option);
                            response->set_pms_option_id(link->pms_option);
                            return grpc::Status::OK;
                          });
  }

  grpc::Status UnlinkOption(grpc::ServerContext* context, const v1::UnlinkOptionRequest* request,
                            v1::UnlinkOptionResponse*) override {
    auto principal = calls_.Admit(*context, "UnlinkOption");
    if (!principal) return ToGrpcStatus(principal.error());
    return calls_.Audited(*principal, "UnlinkOption", *request, nullptr, ProductStateOf(*request),
                          [&]() -> grpc::Status {
                            return ToGrpcStatus(registry_.UnlinkOption(
                                request->property_id(), request->channel_id(),
                                request->channel_product_id(), request->channel_option_id()));
                          });
  }

  grpc::Status GetGateway(grpc::ServerContext* context, const v1::GetGatewayRequest* request,
                          v1::GatewaySettings* response) override {
    auto principal = calls_.Admit(*context, "GetGateway");
    if (!principal) return ToGrpcStatus(principal.error());
    auto settings = admin_.GetGateway(request->property_id());
    if (!settings) return ToGrpcStatus(settings.error());
    *response = ToProto(*settings);
    return grpc::Status::OK;
  }

  grpc::Status SetGateway(grpc::ServerContext* context, const v1::SetGatewayRequest* request,
                          v1::GatewaySettings* response) override {
    auto principal = calls_.Admit(*context, "SetGateway");
    if (!principal) return ToGrpcStatus(principal.error());
    if (request->has_multi_link() && request->multi_link()) {
      if (auto allowed = calls_.Require(*principal, auth::Action::kEnableMultiLink); !allowed) {
        return ToGrpcStatus(allowed.error());
      }
    }
    return calls_.Audited(
        *principal, "SetGateway", *request, response,
        [&] { return GatewayState(request->property_id()); },
        [&]() -> grpc::Status {
          linking::GatewayChange change;
          if (request->has_mode()) {
            if (request->mode() == v1::GATEWAY_MODE_UNSPECIFIED) {
              return ToGrpcStatus(
                  core::Error{core::ErrorCode::kInvalidArgument,
                              "mode must be GATEWAY_MODE_CLASSIC or GATEWAY_MODE_PMS"});
            }
            change.mode = FromProto(request->mode());
          }
          if (request->has_nightly_planning())
            change.nightly_planning = request->nightly_planning();
          if (request->has_availability_recheck()) {
            change.availability_recheck = request->availability_recheck();
          }
          if (request->has_auto_integration())
            change.auto_integration = request->auto_integration();
          if (request->has_multi_link()) change.multi_link = request->multi_link();
          auto settings = admin_.SetGateway(request->property_id(), change);
          if (!settings) return ToGrpcStatus(settings.error());
          *response = ToProto(*settings);
          return grpc::Status::OK;
        });
  }

  grpc::Status ForceRefresh(grpc::ServerContext* context, const v1::ForceRefreshRequest* request,
                            v1::ForceRefreshResponse* response) override {
    auto principal = calls_.Admit(*context, "ForceRefresh", {.property = request->property_id()});
    if (!principal) return ToGrpcStatus(principal.error());
    return calls_.Audited(*principal, "ForceRefresh", *request, response, {},
                          [&]() -> grpc::Status {
                            if (planning_ == nullptr) return NoPlanning();
                            auto summary = planning_->ForceRefresh(request->property_id());
                            if (!summary) return ToGrpcStatus(summary.error());
                            response->set_property_id(request->property_id());
                            FillSummary(*summary, response->mutable_summary());
                            return grpc::Status::OK;
                          });
  }

  grpc::Status GetRefreshStatus(grpc::ServerContext* context,
                                const v1::GetRefreshStatusRequest* request,
                                v1::GetRefreshStatusResponse* response) override {
    auto principal = calls_.Admit(*context, "GetRefreshStatus");
    if (!principal) return ToGrpcStatus(principal.error());
    if (planning_ == nullptr) return NoPlanning();
    std::optional<core::PropertyId> property;
    if (!request->property_id().empty()) property = request->property_id();
    auto statuses = planning_->Status(property);
    if (!statuses) return ToGrpcStatus(statuses.error());
    for (const auto& status : *statuses) FillStatus(status, response->add_properties());
    return grpc::Status::OK;
  }

 private:
  static grpc::Status NoPlanning() {
    return grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                        "INTERNAL: this server does not refresh planning");
  }

  // The state an audited call changes, as JSON; empty when it cannot be read.
  std::string PropertyState(const core::PropertyId& id) const {
    auto property = properties_.GetProperty(id);
    return property ? RedactedJson(api::ToProto(*property)) : "";
  }
  std::string ChannelState(const core::ChannelId& id) const {
    auto channel = properties_.GetChannel(id);
    return channel ? RedactedJson(api::ToProto(*channel)) : "";
  }
  std::string GatewayState(const core::PropertyId& id) const {
    auto settings = admin_.GetGateway(id);
    return settings ? RedactedJson(ToProto(*settings)) : "";
  }
  // The state of the channel product a link call names, read before and after the call.
  template <typename Request>
  CallGuard::StateReader ProductStateOf(const Request& request) const {
    return [this, &request] {
      return ProductState(request.property_id(), request.channel_id(),
                          request.channel_product_id());
    };
  }
  // The channel product's link and its options' links.
  std::string ProductState(const core::PropertyId& property, const core::ChannelId& channel,
                           const core::ChannelProductId& product) const {
    auto board = registry_.Products(property, channel);
    if (!board) return "";
    for (const auto& cp : board->channel_products) {
      if (cp.product.id != product) continue;
      v1::ChannelProductState state;
      FillProductState(cp, &state);
      return RedactedJson(state);
    }
    return "";
  }

  const CallGuard calls_;
  linking::Admin& admin_;
  linking::PropertyStore& properties_;
  linking::LinkRegistry& registry_;
  integration::PmsCatalogSync& catalog_sync_;
  planning::PlanningAdmin* planning_;
};

}  // namespace

std::unique_ptr<grpc::Service> MakeAdminGrpcService(const CallSecurity& security,
                                                    linking::Admin& admin,
                                                    linking::PropertyStore& properties,
                                                    linking::LinkRegistry& registry,
                                                    integration::PmsCatalogSync& catalog_sync,
                                                    planning::PlanningAdmin* planning) {
  return std::make_unique<AdminGrpcService>(security, admin, properties, registry, catalog_sync,
                                            planning);
}

}  // namespace chansync::api
