#include "call_guard.h"
#include "chansync/api/grpc/grpc_services.h"
#include "chansync/api/grpc/key_proto.h"
#include "chansync/auth/key_manager.h"
#include "chansync/core/reservation_json.h"
#include "chansync/v1/keys.grpc.pb.h"
#include "status_mapping.h"

namespace chansync::api {
namespace {

core::Error RoleReserved() {
  return {core::ErrorCode::kPermissionDenied, "only a vendor key deals in vendor keys"};
}

class KeysGrpcService final : public v1::KeysService::Service {
 public:
  KeysGrpcService(const CallSecurity& security, auth::KeyManager& keys)
      : calls_(security, v1::KeysService::service_full_name()),
        keys_(keys),
        clock_(security.clock != nullptr ? *security.clock : system_clock_) {}

  grpc::Status CreateKey(grpc::ServerContext* context, const v1::CreateKeyRequest* request,
                         v1::CreateKeyResponse* response) override {
    auto principal = calls_.Admit(*context, "CreateKey");
    if (!principal) return ToGrpcStatus(principal.error());
    auto key_request = KeyRequestOf(*request);
    if (!key_request) return ToGrpcStatus(key_request.error());
    if (!auth::KeyManager::MayIssue(principal->role, key_request->role)) {
      return ToGrpcStatus(RoleReserved());
    }
    return calls_.Audited(*principal, "CreateKey", *request, response->mutable_key(), {}, [&] {
      auto issued = keys_.Create(*key_request);
      if (!issued) return ToGrpcStatus(issued.error());
      *response->mutable_key() = ApiKeyInfoOf(issued->key, clock_.Now());
      response->set_secret_key(std::move(issued->text));
      return grpc::Status::OK;
    });
  }

  grpc::Status ListKeys(grpc::ServerContext* context, const v1::ListKeysRequest*,
                        v1::ListKeysResponse* response) override {
    auto principal = calls_.Admit(*context, "ListKeys");
    if (!principal) return ToGrpcStatus(principal.error());
    auto keys = keys_.List();
    if (!keys) return ToGrpcStatus(keys.error());
    const auto now = clock_.Now();
    for (const auto& key : *keys) *response->add_keys() = ApiKeyInfoOf(key, now);
    return grpc::Status::OK;
  }

  grpc::Status RevokeKey(grpc::ServerContext* context, const v1::RevokeKeyRequest* request,
                         v1::ApiKeyInfo* response) override {
    auto principal = calls_.Admit(*context, "RevokeKey");
    if (!principal) return ToGrpcStatus(principal.error());
    auto key_state = [&] {
      auto keys = keys_.List();
      if (!keys) return std::string();
      for (const auto& key : *keys) {
        if (key.id == request->id()) return RedactedJson(ApiKeyInfoOf(key, clock_.Now()));
      }
      return std::string();
    };
    return calls_.Audited(*principal, "RevokeKey", *request, response, key_state, [&] {
      auto keys = keys_.List();
      if (!keys) return ToGrpcStatus(keys.error());
      auto it = std::ranges::find(*keys, request->id(), &auth::ApiKey::id);
      if (it == keys->end()) {
        return ToGrpcStatus(
            core::Error{core::ErrorCode::kNotFound, "API key \"" + request->id() + "\" not found"});
      }
      if (!auth::KeyManager::MayIssue(principal->role, it->role)) {
        return ToGrpcStatus(RoleReserved());
      }
      if (auto revoked = keys_.Revoke(request->id()); !revoked) {
        return ToGrpcStatus(revoked.error());
      }
      it->revoked_at = it->revoked_at.value_or(clock_.Now());
      *response = ApiKeyInfoOf(*it, clock_.Now());
      return grpc::Status::OK;
    });
  }

 private:
  const CallGuard calls_;
  auth::KeyManager& keys_;
  core::SystemClock system_clock_;
  const core::Clock& clock_;
};

}  // namespace

std::unique_ptr<grpc::Service> MakeKeysGrpcService(const CallSecurity& security,
                                                   auth::KeyManager& keys) {
  return std::make_unique<KeysGrpcService>(security, keys);
}

}  // namespace chansync::api
