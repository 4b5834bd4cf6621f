#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include <memory>
#include <string>
#include <vector>

#include "args.h"

namespace google::protobuf {
class Message;
}  // namespace google::protobuf

namespace chansync::app {

// Exit codes of CLI commands: 0 done, 1 refused by the service, 2 bad usage or unreachable.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRefused = 1;
inline constexpr int kExitUsage = 2;

// Parses a command's words: `known` options plus the common --server, --timeout and --json;
// `switches` take no value (--json always). INVALID_ARGUMENT "unknown option --x" otherwise.
core::Result<Args> ParseCommand(const std::vector<std::string>& words,
                                std::vector<std::string> known,
                                std::vector<std::string> switches = {});

// The server address: --server, else $CHANSYNC_SERVER, else 127.0.0.1:7400.
std::shared_ptr<grpc::Channel> ConnectToServer(const Args& args);
// A context with a deadline, so a CLI never hangs on a dead server.
std::unique_ptr<grpc::ClientContext> CallContext(const Args& args);

// Prints "error: CODE: message" (the service's stable code) and returns the exit code.
int ReportRpcError(const grpc::Status& status);
int ReportUsage(const std::string& message, const char* usage);

// Message as JSON, field names as in the .proto, defaults included.
std::string ToJson(const google::protobuf::Message& message);

}  // namespace chansync::app
