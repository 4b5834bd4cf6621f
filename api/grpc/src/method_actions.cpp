#include "chansync/api/grpc/method_actions.h"

#include <array>

namespace chansync::api {
namespace {

using auth::Action;

constexpr std::array kMethodActions = {
    MethodAction{"chansync.v1.AdminService/CreateProperty", Action::kCreateProperty},
    MethodAction{"chansync.v1.AdminService/UpdateProperty", Action::kUpdateProperty},
    MethodAction{"chansync.v1.AdminService/GetProperty", Action::kReadDeclarations},
    MethodAction{"chansync.v1.AdminService/ListProperties", Action::kReadDeclarations},
    MethodAction{"chansync.v1.AdminService/CreateChannel", Action::kDeclareChannel},
    MethodAction{"chansync.v1.AdminService/UpdateChannel", Action::kDeclareChannel},
    MethodAction{"chansync.v1.AdminService/ListChannels", Action::kReadDeclarations},
    MethodAction{"chansync.v1.AdminService/SetChannelProducts", Action::kLink},
    MethodAction{"chansync.v1.AdminService/SetPmsCatalog", Action::kLink},
    MethodAction{"chansync.v1.AdminService/SyncPmsCatalog", Action::kLink},
    MethodAction{"chansync.v1.AdminService/ListProducts", Action::kReadDeclarations},
    MethodAction{"chansync.v1.AdminService/LinkProduct", Action::kLink},
    MethodAction{"chansync.v1.AdminService/UnlinkProduct", Action::kLink},
    MethodAction{"chansync.v1.AdminService/ListOptions", Action::kReadDeclarations},
    MethodAction{"chansync.v1.AdminService/LinkOption", Action::kLink},
    MethodAction{"chansync.v1.AdminService/UnlinkOption", Action::kLink},
    MethodAction{"chansync.v1.AdminService/GetGateway", Action::kReadDeclarations},
    // Turning multi-link on is checked too, as enable_multi_link, when the call asks for it.
    MethodAction{"chansync.v1.AdminService/SetGateway", Action::kSetGateway},
    MethodAction{"chansync.v1.AdminService/ForceRefresh", Action::kRefreshPlanning},
    MethodAction{"chansync.v1.AdminService/GetRefreshStatus", Action::kReadDeclarations},
    MethodAction{"chansync.v1.IngestService/PushReservation", Action::kPushReservation},
    MethodAction{"chansync.v1.IngestService/PushReservations", Action::kPushReservation},
    MethodAction{"chansync.v1.IngestService/CheckAvailability", Action::kCheckAvailability},
    MethodAction{"chansync.v1.OperatorService/ListIntegrations", Action::kReadIntegrations},
    MethodAction{"chansync.v1.OperatorService/GetIntegration", Action::kReadIntegrations},
    MethodAction{"chansync.v1.OperatorService/ForceIntegration", Action::kForceIntegration},
    MethodAction{"chansync.v1.KeysService/CreateKey", Action::kManageKeys},
    MethodAction{"chansync.v1.KeysService/ListKeys", Action::kManageKeys},
    MethodAction{"chansync.v1.KeysService/RevokeKey", Action::kManageKeys},
    MethodAction{"chansync.v1.AuditService/ListAudit", Action::kReadAudit},
    MethodAction{"chansync.v1.PostingService/SearchGuests", Action::kSearchGuests},
    MethodAction{"chansync.v1.PostingService/SubmitPosting", Action::kSubmitPosting},
    MethodAction{"chansync.v1.PostingService/SubmitTicket", Action::kSubmitPosting},
    MethodAction{"chansync.v1.PostingService/VoidPosting", Action::kVoidPosting},
    MethodAction{"chansync.v1.PostingService/VoidTicket", Action::kVoidPosting},
    MethodAction{"chansync.v1.PostingService/GetPosting", Action::kReadPostings},
    MethodAction{"chansync.v1.PostingService/ListPostings", Action::kReadPostings},
    MethodAction{"chansync.v1.PostingService/ForcePosting", Action::kForcePosting},
    MethodAction{"chansync.v1.PostingService/RunEndOfDay", Action::kRunEndOfDay},
    MethodAction{"chansync.v1.PostingService/GetPostingSetup", Action::kReadDeclarations},
    MethodAction{"chansync.v1.PostingService/SetPostingSetup", Action::kSetPostingSetup},
    // A spa's events are postings it submits, refunds included (they are not voids).
    MethodAction{"chansync.v1.SpaService/PaymentTaken", Action::kSubmitPosting},
    MethodAction{"chansync.v1.SpaService/OrderCheckedOut", Action::kSubmitPosting},
    MethodAction{"chansync.v1.SpaService/OrderRefunded", Action::kSubmitPosting},
    MethodAction{"chansync.v1.SpaService/MembershipPaymentTaken", Action::kSubmitPosting},
    MethodAction{"chansync.v1.SpaService/VoucherSold", Action::kSubmitPosting},
    MethodAction{"chansync.v1.SpaService/VoucherRedeemed", Action::kSubmitPosting},
    MethodAction{"chansync.v1.SpaService/VoucherServed", Action::kSubmitPosting},
    MethodAction{"chansync.v1.SpaService/VoucherRefunded", Action::kSubmitPosting},
    MethodAction{"chansync.v1.PmsLinkService/GetPmsLinkStatus", Action::kReadPostings},
};

}  // namespace

std::span<const MethodAction> MethodActions() { return kMethodActions; }

std::optional<auth::Action> ActionOfMethod(std::string_view method) {
  for (const MethodAction& row : kMethodActions) {
    if (row.method == method) return row.action;
  }
  return std::nullopt;
}

}  // namespace chansync::api
