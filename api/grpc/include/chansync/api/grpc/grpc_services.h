#pragma once

#include <memory>

namespace grpc {
class Service;
namespace experimental {
class ServerInterceptorFactoryInterface;
}  // namespace experimental
}  // namespace grpc
namespace chansync::channel {
class AvailabilityChecks;
class Ingestor;
}  // namespace chansync::channel
namespace chansync::linking {
class PropertyStore;
class LinkRegistry;
class Admin;
}  // namespace chansync::linking
namespace chansync::integration {
class Operator;
class PmsCatalogSync;
}  // namespace chansync::integration
namespace chansync::planning {
class PlanningAdmin;
}  // namespace chansync::planning

namespace chansync::api {

// chansync.v1.AdminService: translates protobuf to the admin use cases and back, nothing else.
// Failed calls carry "CODE: message" (see proto/chansync/v1/common.proto). Without `planning`,
// ForceRefresh and GetRefreshStatus answer UNIMPLEMENTED.
std::unique_ptr<grpc::Service> MakeAdminGrpcService(linking::Admin& admin,
                                                    linking::PropertyStore& properties,
                                                    linking::LinkRegistry& registry,
                                                    integration::PmsCatalogSync& catalog_sync,
                                                    planning::PlanningAdmin* planning = nullptr);

// chansync.v1.IngestService: portals push reservations and check availability; translates
// protobuf to the Ingestor and the AvailabilityChecks. Validation errors name the field as the
// JSON form does. Both must outlive the service; without `checks`, CheckAvailability answers
// UNIMPLEMENTED.
std::unique_ptr<grpc::Service> MakeIngestGrpcService(channel::Ingestor& ingestor,
                                                     channel::AvailabilityChecks* checks = nullptr);

// Makes a unary call whose request bytes do not parse answer INVALID_ARGUMENT, as a field that
// does not validate would, instead of gRPC's INTERNAL. For ServerBuilder's
// experimental().SetInterceptorCreators; every service of the server benefits.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeUnparsableRequestInterceptorFactory();

// chansync.v1.OperatorService: the integration log list, one record, forced integrations.
std::unique_ptr<grpc::Service> MakeOperatorGrpcService(integration::Operator& op);

}  // namespace chansync::api
