// TLS on both listeners of a real `chansync serve`, with a CA made for the test: portals that
// present a certificate the configured client CA signed push over HTTP and gRPC (and the CLI
// with --tls-ca); a client without one, or with one from another CA, is refused.
#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <memory>
#include <string>

#include "chansync/test/chansync_server.h"
#include "chansync/test/dates.h"
#include "chansync/test/redis_server.h"
#include "chansync/test/test_certificates.h"
#include "chansync/v1/ingest.grpc.pb.h"

namespace chansync {
namespace {

constexpr const char* kPushPath = "/v1/channels/secureholiday/reservations";

std::string JsonReservation(const std::string& id) {
  return R"({"channel_reservation_id": ")" + id + R"(", "property": "riviera", "arrival": ")" +
         test::DayOfMonthAhead(1) + R"(", "departure": ")" + test::DayOfMonthAhead(8) +
         R"(", "guest_name": "Jeanne Martin", "product": "SH-MH4",
            "price": {"amount_minor": 84900, "currency": "EUR"}})";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class TlsListenersTest : public ::testing::Test {
 protected:
  void Start(bool require_client_certificates) {
    redis_ = std::make_unique<test::RedisServer>();
    std::vector<std::string> args = {
        "--workers",      "0",
        "--declarations", test::SourcePath("deploy/local/riviera.json"),
        "--tls-cert",     certificates_.server_cert(),
        "--tls-key",      certificates_.server_key()};
    if (require_client_certificates) {
      args.insert(args.end(), {"--tls-client-ca", certificates_.ca()});
    }
    server_ = std::make_unique<test::ChansyncServer>(redis_->endpoint(), args);
  }

  // An HTTPS client trusting the test CA, presenting `cert` when given.
  std::unique_ptr<httplib::SSLClient> Https(const std::string& cert = "",
                                            const std::string& key = "") const {
    auto client =
        cert.empty()
            ? std::make_unique<httplib::SSLClient>("127.0.0.1", server_->http_port())
            : std::make_unique<httplib::SSLClient>("127.0.0.1", server_->http_port(), cert, key);
    client->set_ca_cert_path(certificates_.ca().c_str());
    client->enable_server_certificate_verification(true);
    client->set_connection_timeout(std::chrono::seconds(5));
    client->set_read_timeout(std::chrono::seconds(5));
    client->set_bearer_token_auth(server_->key());
    return client;
  }

  grpc::Status GrpcPush(const std::string& cert, const std::string& key, const std::string& id) {
    grpc::SslCredentialsOptions options;
    options.pem_root_certs = ReadFile(certificates_.ca());
    if (!cert.empty()) {
      options.pem_cert_chain = ReadFile(cert);
      options.pem_private_key = ReadFile(key);
    }
    auto stub = v1::IngestService::NewStub(
        grpc::CreateChannel(server_->address(), grpc::SslCredentials(options)));
    v1::PushReservationRequest request;
    auto* r = request.mutable_reservation();
    r->set_channel("secureholiday");
    r->set_channel_reservation_id(id);
    r->set_property("riviera");
    r->set_arrival(test::DayOfMonthAhead(1));
    r->set_departure(test::DayOfMonthAhead(8));
    r->set_guest_name("Jeanne Martin");
    r->set_product("SH-MH4");
    r->mutable_price()->set_amount_minor(84900);
    r->mutable_price()->set_currency("EUR");
    grpc::ClientContext context;
    context.AddMetadata("authorization", server_->bearer());
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    v1::PushReservationResponse response;
    return stub->PushReservation(&context, request, &response);
  }

  test::TestCertificates certificates_;
  std::unique_ptr<test::RedisServer> redis_;
  std::unique_ptr<test::ChansyncServer> server_;
};

TEST_F(TlsListenersTest, PortalsWithACertificateOfTheClientCaPushOverBothListeners) {
  Start(/*require_client_certificates=*/true);
  auto https = Https(certificates_.client_cert(), certificates_.client_key());
  auto pushed = https->Post(kPushPath, JsonReservation("SH-TLS-1"), "application/json");
  ASSERT_TRUE(pushed) << httplib::to_string(pushed.error()) << server_->log();
  EXPECT_EQ(pushed->status, 202) << pushed->body;

  const grpc::Status status =
      GrpcPush(certificates_.client_cert(), certificates_.client_key(), "SH-TLS-2");
  EXPECT_TRUE(status.ok()) << status.error_message();

  const std::string file = std::string(::testing::TempDir()) + "/tls-push.json";
  std::ofstream(file) << JsonReservation("SH-TLS-3");
  auto cli = server_->Cli({"push", "--channel", "secureholiday", file, "--tls-ca",
                           certificates_.ca(), "--tls-client-cert", certificates_.client_cert(),
                           "--tls-client-key", certificates_.client_key()});
  EXPECT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_TRUE(cli.out.starts_with("accepted riviera/secureholiday/SH-TLS-3")) << cli.out;
}

TEST_F(TlsListenersTest, ClientsWithoutAValidCertificateAreRefusedOnBothListeners) {
  Start(/*require_client_certificates=*/true);
  for (const auto& [cert, key] :
       {std::pair<std::string, std::string>{"", ""},
        std::pair{certificates_.stranger_cert(), certificates_.stranger_key()}}) {
    SCOPED_TRACE(cert.empty() ? "no certificate" : "a certificate of another CA");
    auto refused = Https(cert, key)->Post(kPushPath, JsonReservation("SH-X"), "application/json");
    EXPECT_FALSE(refused) << refused->status;
    const grpc::Status status = GrpcPush(cert, key, "SH-Y");
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
  }
  // Plain text on a TLS listener gets no answer.
  httplib::Client plain("127.0.0.1", server_->http_port());
  plain.set_bearer_token_auth(server_->key());
  plain.set_read_timeout(std::chrono::seconds(2));
  auto cleartext = plain.Post(kPushPath, JsonReservation("SH-Z"), "application/json");
  EXPECT_FALSE(cleartext && cleartext->status == 202);
  auto cli = server_->Cli({"push", "--channel", "secureholiday", "/dev/null"});
  EXPECT_NE(cli.exit_code, 0) << "the CLI without --tls-ca cannot reach a TLS listener";
}

TEST_F(TlsListenersTest, WithoutAClientCaAnyClientTrustingTheServerPushes) {
  Start(/*require_client_certificates=*/false);
  auto pushed = Https()->Post(kPushPath, JsonReservation("SH-TLS-4"), "application/json");
  ASSERT_TRUE(pushed) << httplib::to_string(pushed.error());
  EXPECT_EQ(pushed->status, 202) << pushed->body;
  const grpc::Status status = GrpcPush("", "", "SH-TLS-5");
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(TlsListenersTest, ACertificateWithoutItsKeyStopsTheStart) {
  redis_ = std::make_unique<test::RedisServer>();
  const auto result = test::RunCommand(
      {test::BuiltBinary("app/chansync"), "serve", "--redis", redis_->endpoint(), "--listen",
       "127.0.0.1:0", "--http-listen", "127.0.0.1:0", "--tls-cert", certificates_.server_cert()});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("both a certificate and its key"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace chansync
