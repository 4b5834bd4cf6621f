#include "call_guard.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/json_util.h>
#include <spdlog/spdlog.h>

#include <memory>

#include "chansync/api/grpc/method_actions.h"
#include "chansync/audit/audit_log.h"
#include "status_mapping.h"

namespace chansync::api {
namespace {

bool IsSecretField(std::string_view name) {
  return name.find("secret") != std::string_view::npos ||
         name.find("credentials") != std::string_view::npos ||
         name.find("token") != std::string_view::npos ||
         name.find("password") != std::string_view::npos;
}

void RemoveSecrets(google::protobuf::Message& message) {
  const google::protobuf::Descriptor* descriptor = message.GetDescriptor();
  const google::protobuf::Reflection* reflection = message.GetReflection();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* field = descriptor->field(i);
    if (IsSecretField(field->name())) {
      reflection->ClearField(&message, field);
      continue;
    }
    if (field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated()) {
      for (int k = 0; k < reflection->FieldSize(message, field); ++k) {
        RemoveSecrets(*reflection->MutableRepeatedMessage(&message, field, k));
      }
    } else if (reflection->HasField(message, field)) {
      RemoveSecrets(*reflection->MutableMessage(&message, field));
    }
  }
}

std::string OutcomeOf(const grpc::Status& status) {
  if (status.ok()) return "OK";
  const std::string& message = status.error_message();
  core::ErrorCode code{};
  const auto colon = message.find(": ");
  if (colon != std::string::npos && core::ParseCodeName(message.substr(0, colon), &code)) {
    return message.substr(0, colon);
  }
  return "INTERNAL";
}

core::Error UnknownMethod(std::string_view method) {
  return {core::ErrorCode::kPermissionDenied,
          "method " + std::string(method) + " is not open to any key"};
}

}  // namespace

std::string RedactedJson(const google::protobuf::Message& message) {
  std::unique_ptr<google::protobuf::Message> copy(message.New());
  copy->CopyFrom(message);
  RemoveSecrets(*copy);
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string out;
  (void)google::protobuf::util::MessageToJsonString(*copy, &out, options);  // cannot fail here
  return out;
}

core::Result<auth::Principal> CallGuard::Admit(const grpc::ServerContextBase& context,
                                               std::string_view method,
                                               const auth::Scope& scope) const {
  const std::string full = service_ + "/" + std::string(method);
  const auto action = ActionOfMethod(full);
  std::string_view authorization;
  const auto& metadata = context.client_metadata();
  if (auto it = metadata.find("authorization"); it != metadata.end()) {
    authorization = std::string_view(it->second.data(), it->second.size());
  }
  if (!action) {
    // Refused whoever calls, but a caller without a key still learns only that it needs one.
    RETURN_IF_ERROR(security_.guard.Authenticate(authorization));
    return std::unexpected(UnknownMethod(full));
  }
  return security_.guard.Admit(authorization, *action, scope);
}

core::Status CallGuard::Require(const auth::Principal& principal, auth::Action action,
                                const auth::Scope& scope) const {
  return security_.guard.Authorize(principal, action, scope);
}

bool CallGuard::Audits(const auth::Principal& principal, std::string_view method) const {
  // Portals and tills are machines whose every call is kept in its own log (integrations,
  // postings); the audit log is for staff.
  if (security_.audit == nullptr || principal.role == auth::Role::kPortal ||
      principal.role == auth::Role::kPos) {
    return false;
  }
  const auto action = ActionOfMethod(service_ + "/" + std::string(method));
  return action && auth::RuleOf(*action).changes_state;
}

grpc::Status CallGuard::AuditedWith(const auth::Principal& principal, std::string_view method,
                                    const StateReader& arguments,
                                    const google::protobuf::Message* response,
                                    const StateReader& state,
                                    const std::function<grpc::Status()>& call) const {
  if (!Audits(principal, method)) return call();
  audit::AuditEntry entry;
  if (state) entry.before = state();
  const grpc::Status status = call();
  entry.at = security_.clock->Now();
  entry.key_id = principal.key_id;
  entry.key_name = principal.key_name;
  entry.role = std::string(auth::RoleName(principal.role));
  entry.method = service_ + "/" + std::string(method);
  entry.action = std::string(auth::ActionName(*ActionOfMethod(entry.method)));
  entry.arguments = arguments();
  if (status.ok()) {
    if (state) {
      entry.after = state();
    } else if (response != nullptr) {
      entry.after = RedactedJson(*response);
    }
  }
  entry.outcome = OutcomeOf(status);
  if (auto written = security_.audit->Append(entry); !written) {
    spdlog::warn("audit: {} by key {} not recorded: {}", entry.method, entry.key_id,
                 written.error().message);
  }
  return status;
}

}  // namespace chansync::api
