#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include <iostream>
#include <memory>
#include <string>
#include <string_view>

#include "args.h"
#include "chansync/core/error.h"
#include "command_line.h"
#include "exit_codes.h"

namespace google::protobuf {
class Message;
}  // namespace google::protobuf

namespace chansync::app {

// Where `make run` leaves its local admin key, relative to the working directory.
inline constexpr std::string_view kDefaultKeyFile = "var/local/admin.key";

// How a command reaches a running `chansync serve`: --server HOST:PORT, --timeout SECONDS and
// --key-file FILE, global options (accepted before the command's name too).
std::vector<OptionSpec> ServerOptions();
// The API key a command calls with: the first line of --key-file, else $CHANSYNC_KEY, else the
// first line of kDefaultKeyFile; empty when none (the service then answers UNAUTHENTICATED).
std::string CallerKey(const Args& args);
// `command` with ServerOptions() and --json added to its own.
CommandSpec ClientCommand(CommandSpec command);

// The server address: --server, else $CHANSYNC_SERVER, else 127.0.0.1:7400; TLS with --tls-ca
// (else $CHANSYNC_TLS_CA), and a client certificate with --tls-client-cert and --tls-client-key.
// INVALID_ARGUMENT when a TLS file cannot be read or a certificate comes without its key.
core::Result<std::shared_ptr<grpc::Channel>> ConnectToServer(const Args& args);
// Prints "error: CODE: message" for a command that could not even be sent; returns kExitUsage.
int ReportUsageError(const core::Error& error);
// A context with a deadline, so a CLI never hangs on a dead server, carrying the caller's key
// as `authorization: Bearer <key>`.
std::unique_ptr<grpc::ClientContext> CallContext(const Args& args);

// Prints "error: CODE: message" (the service's stable code) and returns the exit code.
int ReportRpcError(const grpc::Status& status);

// Message as JSON, field names as in the .proto, defaults included.
std::string ToJson(const google::protobuf::Message& message);

// Prints an answer as JSON with --json, else by `print`. Returns kExitOk.
template <typename Response, typename Print>
int PrintAnswer(const Args& args, const Response& response, Print print) {
  if (args.Has("json")) {
    std::cout << ToJson(response) << '\n';
  } else {
    print(response);
  }
  return kExitOk;
}

// One unary call of `method` on a fresh stub, within the command's deadline. The answer is
// printed as JSON with --json, else by `print`. Returns the exit code.
template <typename Stub, typename Request, typename Response, typename Print>
int CallAndPrint(const Args& args,
                 grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                 const Request& request, Print print) {
  auto channel = ConnectToServer(args);
  if (!channel) return ReportUsageError(channel.error());
  Stub stub(*channel);
  Response response;
  const grpc::Status status = (stub.*method)(CallContext(args).get(), request, &response);
  if (!status.ok()) return ReportRpcError(status);
  return PrintAnswer(args, response, print);
}

}  // namespace chansync::app
