#include "service_access.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/client_interceptor.h>

#include <fstream>
#include <utility>
#include <vector>

namespace chansync::loadgen {
namespace {

namespace exp = grpc::experimental;

// Adds the key to a call's initial metadata, so no command has to remember it call by call.
class BearerInterceptor final : public exp::Interceptor {
 public:
  explicit BearerInterceptor(const std::string& authorization) : authorization_(authorization) {}

  void Intercept(exp::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            exp::InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->emplace("authorization", authorization_);
    }
    methods->Proceed();
  }

 private:
  const std::string& authorization_;
};

class BearerInterceptorFactory final : public exp::ClientInterceptorFactoryInterface {
 public:
  explicit BearerInterceptorFactory(const std::string& key) : authorization_("Bearer " + key) {}

  exp::Interceptor* CreateClientInterceptor(exp::ClientRpcInfo*) override {
    return new BearerInterceptor(authorization_);
  }

 private:
  const std::string authorization_;  // lives with the channel, which outlives its calls
};

}  // namespace

core::Result<std::string> ApiKeyFrom(const Flags& flags) {
  const auto path = flags.Find("api-key-file");
  if (!path) return std::string();
  std::ifstream file(*path);
  std::string key;
  std::getline(file, key);
  while (!key.empty() && (key.back() == '\r' || key.back() == ' ')) key.pop_back();
  if (key.empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "--api-key-file " + *path + ": no key on its first line");
  }
  return key;
}

std::shared_ptr<grpc::Channel> ServiceChannel(const Flags& flags) {
  const std::string address = flags.Get("grpc", "127.0.0.1:7400");
  const std::string key = ApiKeyFrom(flags).value_or("");
  if (key.empty()) return grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  std::vector<std::unique_ptr<exp::ClientInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(std::make_unique<BearerInterceptorFactory>(key));
  return exp::CreateCustomChannelWithInterceptors(address, grpc::InsecureChannelCredentials(),
                                                  grpc::ChannelArguments(),
                                                  std::move(interceptors));
}

}  // namespace chansync::loadgen
