#include "cli_support.h"

#include <google/protobuf/util/json_util.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <cstdlib>
#include <fstream>

#include "chansync/core/error.h"
#include "grpc_tls.h"

namespace chansync::app {

std::vector<OptionSpec> ServerOptions() {
  return {
      {"server", "HOST:PORT", "the service (default $CHANSYNC_SERVER, else 127.0.0.1:7400)"},
      {"timeout", "SECONDS", "give up on the service after this long (default 30)"},
      {"tls-ca", "FILE.pem",
       "connect with TLS, trusting this CA for the service's certificate (default "
       "$CHANSYNC_TLS_CA, else plain text)"},
      {"tls-client-cert", "FILE.pem",
       "client certificate, for a service that asks one (default $CHANSYNC_TLS_CLIENT_CERT)"},
      {"tls-client-key", "FILE.pem", "key of --tls-client-cert (default $CHANSYNC_TLS_CLIENT_KEY)"},
      {"key-file", "FILE",
       "the API key to call with (default $CHANSYNC_KEY, else " + std::string(kDefaultKeyFile) +
           " when it exists)"}};
}

std::string CallerKey(const Args& args) {
  auto first_line = [](const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    return line;
  };
  if (auto path = args.Get("key-file")) return first_line(*path);
  if (const char* env = std::getenv("CHANSYNC_KEY"); env != nullptr && *env != '\0') return env;
  return first_line(std::string(kDefaultKeyFile));
}

CommandSpec ClientCommand(CommandSpec command) {
  for (auto& option : ServerOptions()) command.options.push_back(std::move(option));
  command.options.push_back({"json", "", "print the answer as JSON"});
  return command;
}

namespace {

std::string FlagOrEnvironment(const Args& args, const std::string& flag, const char* variable) {
  const char* env = std::getenv(variable);
  return args.GetOr(flag, env == nullptr ? std::string() : std::string(env));
}

}  // namespace

core::Result<std::shared_ptr<grpc::Channel>> ConnectToServer(const Args& args) {
  std::string address = "127.0.0.1:7400";
  if (const char* env = std::getenv("CHANSYNC_SERVER"); env != nullptr && *env != '\0') {
    address = env;
  }
  address = args.GetOr("server", address);
  auto credentials =
      GrpcClientCredentials(FlagOrEnvironment(args, "tls-ca", "CHANSYNC_TLS_CA"),
                            FlagOrEnvironment(args, "tls-client-cert", "CHANSYNC_TLS_CLIENT_CERT"),
                            FlagOrEnvironment(args, "tls-client-key", "CHANSYNC_TLS_CLIENT_KEY"));
  if (!credentials) return core::Fail(credentials.error().code, credentials.error().message);
  return grpc::CreateChannel(address, *credentials);
}

int ReportUsageError(const core::Error& error) {
  std::cerr << "error: " << error.ToString() << '\n';
  return kExitUsage;
}

std::unique_ptr<grpc::ClientContext> CallContext(const Args& args) {
  auto context = std::make_unique<grpc::ClientContext>();
  // A bad --timeout falls back to the default rather than to "no time at all".
  const int64_t seconds = args.GetInt("timeout", 30, 1, 3600).value_or(30);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
  if (const std::string key = CallerKey(args); !key.empty()) {
    context->AddMetadata("authorization", "Bearer " + key);
  }
  return context;
}

int ReportRpcError(const grpc::Status& status) {
  const std::string& message = status.error_message();
  // Our service prefixes every refusal with its stable code; anything else comes from gRPC.
  core::ErrorCode code{};
  const auto colon = message.find(": ");
  if (colon != std::string::npos && core::ParseCodeName(message.substr(0, colon), &code)) {
    std::cerr << "error: " << message << '\n';
    return kExitRefused;
  }
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE ||
      status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
    std::cerr << "error: SERVER_UNAVAILABLE: cannot reach chansync serve (" << message << ")\n";
    return kExitUsage;
  }
  std::cerr << "error: INTERNAL: " << message << '\n';
  return kExitRefused;
}

std::string ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.always_print_primitive_fields = true;
  options.preserve_proto_field_names = true;
  std::string out;
  (void)google::protobuf::util::MessageToJsonString(message, &out, options);
  return out;
}

}  // namespace chansync::app
