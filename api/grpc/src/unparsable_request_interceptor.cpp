#include <grpcpp/support/interceptor.h>
#include <grpcpp/support/server_interceptor.h>

#include <string>

#include "chansync/api/grpc/grpc_services.h"
#include "status_mapping.h"

namespace chansync::api {
namespace {

// gRPC's synchronous handlers answer a unary request that does not parse with INTERNAL, which
// blames the server for the client's bytes. The handler never runs then; the message it would
// have got is absent when the call reaches POST_RECV_MESSAGE, and the status on its way out is
// rewritten.
class UnparsableRequestInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit UnparsableRequestInterceptor(grpc::experimental::ServerRpcInfo* info)
      : unary_(info->type() == grpc::experimental::ServerRpcInfo::Type::UNARY),
        method_(info->method() == nullptr ? "" : info->method()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    using Point = grpc::experimental::InterceptionHookPoints;
    if (unary_ && methods->QueryInterceptionHookPoint(Point::POST_RECV_MESSAGE) &&
        methods->GetRecvMessage() == nullptr) {
      unparsable_ = true;
    }
    if (unparsable_ && methods->QueryInterceptionHookPoint(Point::PRE_SEND_STATUS) &&
        methods->GetSendStatus().error_code() == grpc::StatusCode::INTERNAL) {
      methods->ModifySendStatus(ToGrpcStatus(
          core::Error{core::ErrorCode::kInvalidArgument,
                      "request: the body of " + method_ + " is not its protobuf request message"}));
    }
    methods->Proceed();
  }

 private:
  const bool unary_;
  const std::string method_;
  bool unparsable_ = false;
};

class UnparsableRequestInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new UnparsableRequestInterceptor(info);
  }
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeUnparsableRequestInterceptorFactory() {
  return std::make_unique<UnparsableRequestInterceptorFactory>();
}

}  // namespace chansync::api
