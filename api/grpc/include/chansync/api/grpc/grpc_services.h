#pragma once

#include <memory>

#include "chansync/auth/guard.h"
#include "chansync/core/clock.h"

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
namespace chansync::audit {
class AuditLog;
}  // namespace chansync::audit
namespace chansync::auth {
class KeyManager;
}  // namespace chansync::auth
namespace chansync::postings {
class PostingDesk;
}  // namespace chansync::postings
namespace chansync::fias_pms {
class RelayDirectory;
}  // namespace chansync::fias_pms

namespace chansync::api {

// How every service checks its calls: each method admits its caller through `guard` by the
// method's action (method_actions.h), a portal also by the channel and property it names, and
// staff actions that change state are written to `audit` (none: not audited) at `clock`'s time.
// Refusals are UNAUTHENTICATED or PERMISSION_DENIED and come before anything is looked up.
struct CallSecurity {
  auth::Guard guard = auth::Guard::Disabled();
  audit::AuditLog* audit = nullptr;
  const core::Clock* clock = nullptr;  // required with `audit`
};

// chansync.v1.AdminService: translates protobuf to the admin use cases and back, nothing else.
// Failed calls carry "CODE: message" (see proto/chansync/v1/common.proto). Without `planning`,
// ForceRefresh and GetRefreshStatus answer UNIMPLEMENTED.
std::unique_ptr<grpc::Service> MakeAdminGrpcService(const CallSecurity& security,
                                                    linking::Admin& admin,
                                                    linking::PropertyStore& properties,
                                                    linking::LinkRegistry& registry,
                                                    integration::PmsCatalogSync& catalog_sync,
                                                    planning::PlanningAdmin* planning = nullptr);

// chansync.v1.IngestService: portals push reservations and check availability; translates
// protobuf to the Ingestor and the AvailabilityChecks. Validation errors name the field as the
// JSON form does. Both must outlive the service; without `checks`, CheckAvailability answers
// UNIMPLEMENTED.
std::unique_ptr<grpc::Service> MakeIngestGrpcService(const CallSecurity& security,
                                                     channel::Ingestor& ingestor,
                                                     channel::AvailabilityChecks* checks = nullptr);

// Makes a unary call whose request bytes do not parse answer INVALID_ARGUMENT, as a field that
// does not validate would, instead of gRPC's INTERNAL. For ServerBuilder's
// experimental().SetInterceptorCreators; every service of the server benefits.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeUnparsableRequestInterceptorFactory();

// chansync.v1.OperatorService: the integration log list, one record, forced integrations.
std::unique_ptr<grpc::Service> MakeOperatorGrpcService(const CallSecurity& security,
                                                       integration::Operator& op);

// chansync.v1.KeysService: API keys. Only a vendor key makes or revokes vendor keys.
std::unique_ptr<grpc::Service> MakeKeysGrpcService(const CallSecurity& security,
                                                   auth::KeyManager& keys);

// chansync.v1.AuditService: the audit log, read.
std::unique_ptr<grpc::Service> MakeAuditGrpcService(const CallSecurity& security,
                                                    audit::AuditLog& audit);

// chansync.v1.PostingService: tills, spas and staff on postings, translated to the PostingDesk.
// Every call is admitted for the property it names (a pos key: its own only). `desk` must
// outlive the service; without it every call, once admitted, answers UNIMPLEMENTED.
std::unique_ptr<grpc::Service> MakePostingGrpcService(const CallSecurity& security,
                                                      postings::PostingDesk* desk);

// chansync.v1.SpaService: a spa system's events, turned into their postings by
// postings::SpaPostings over `desk` (all of an event's or none). The same admission as
// PostingService: a pos key for the property the request names; without `desk`, UNIMPLEMENTED.
std::unique_ptr<grpc::Service> MakeSpaGrpcService(const CallSecurity& security,
                                                  postings::PostingDesk* desk);

// chansync.v1.PmsLinkService: the FIAS relays of `relays` (its status and diagnostics), for a
// property (a pos key: its own) or all. `relays` must outlive the service; without it every
// call, once admitted, answers UNIMPLEMENTED.
std::unique_ptr<grpc::Service> MakePmsLinkGrpcService(const CallSecurity& security,
                                                      const fias_pms::RelayDirectory* relays);

}  // namespace chansync::api
