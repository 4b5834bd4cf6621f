#pragma once

#include <memory>

namespace grpc {
class Service;
}  // namespace grpc
namespace chansync::channel {
class AvailabilityChecks;
class Ingestor;
}  // namespace chansync::channel
namespace chansync::linking {
class PropertyStore;
class LinkRegistry;
}  // namespace chansync::linking

namespace chansync::sync {

class Admin;
class PlanningAdmin;
class PmsCatalogSync;

// chansync.v1.AdminService: translates protobuf to the admin use cases and back, nothing else.
// Failed calls carry "CODE: message" (see proto/chansync/v1/common.proto). Without `planning`,
// ForceRefresh and GetRefreshStatus answer UNIMPLEMENTED.
std::unique_ptr<grpc::Service> MakeAdminGrpcService(Admin& admin,
                                                    linking::PropertyStore& properties,
                                                    linking::LinkRegistry& registry,
                                                    PmsCatalogSync& catalog_sync,
                                                    PlanningAdmin* planning = nullptr);

// chansync.v1.IngestService: portals push reservations and check availability; translates
// protobuf to the Ingestor and the AvailabilityChecks. Validation errors name the field as the
// JSON form does. Both must outlive the service; without `checks`, CheckAvailability answers
// UNIMPLEMENTED.
std::unique_ptr<grpc::Service> MakeIngestGrpcService(channel::Ingestor& ingestor,
                                                     channel::AvailabilityChecks* checks = nullptr);

}  // namespace chansync::sync

namespace chansync::sync {

class Operator;

// chansync.v1.OperatorService: the integration log list, one record, forced integrations.
std::unique_ptr<grpc::Service> MakeOperatorGrpcService(Operator& op);

}  // namespace chansync::sync
