// A portal reports a failed payment, end to end on real processes (redis-server, pmssim,
// `chansync serve`), over HTTP and over gRPC: the PMS reservation is kept and flagged, operators
// see and filter it, and only a cancellation cancels.
#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <rapidjson/document.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "chansync/integration/redis_integration_log.h"
#include "chansync/redis/redis.h"
#include "chansync/test/chansync_server.h"
#include "chansync/test/dates.h"
#include "chansync/test/pmssim.h"
#include "chansync/test/redis_server.h"
#include "chansync/v1/ingest.grpc.pb.h"
#include "chansync/v1/operator.grpc.pb.h"

namespace chansync {
namespace {

using integration::IntegrationStatus;
using namespace std::chrono_literals;

constexpr char kPmsData[] = R"({"properties": [{
  "id": "riviera", "name": "Camping Riviera",
  "products": [{"id": "mh-4p", "name": "Mobile home 4 people", "units": 12}],
  "options": []}]})";

std::string Declarations(const std::string& pms_endpoint) {
  return R"({"channels": [{"id": "sh", "name": "SecureHoliday"}],
  "properties": [{"id": "riviera", "name": "Camping Riviera", "timezone": "Europe/Paris",
    "mode": "pms", "pms": {"endpoint": ")" +
         pms_endpoint + R"("},
    "pms_catalog": {"products": [{"id": "mh-4p", "units": 12}]},
    "channel_products": {"sh": [{"id": "SH-MH4"}]},
    "links": [{"channel": "sh", "channel_product": "SH-MH4", "pms_product": "mh-4p"}]}]})";
}

// Sold in June 2025 (Europe/Paris), so the operator lists name a fixed month.
std::string Reservation(const std::string& id, int revision, const std::string& status,
                        bool payment_failed) {
  return R"({"channel_reservation_id": ")" + id +
         R"(", "property": "riviera", "sold_at": "2025-06-15T10:00:00Z", "arrival": ")" +
         test::DayOfMonthAhead(1) + R"(", "departure": ")" + test::DayOfMonthAhead(5) +
         R"(", "guest_name": "Guest )" + id +
         R"(", "product": "SH-MH4", "price": {"amount_minor": 84900, "currency": "EUR"},
    "revision": )" +
         std::to_string(revision) + R"(, "status": ")" + status + R"(", "payment_failed": )" +
         (payment_failed ? "true" : "false") + "}";
}

// The same reservation as Reservation() gives, as a gRPC portal sends it.
v1::Reservation ProtoReservation(const std::string& id, bool payment_failed) {
  v1::Reservation r;
  r.set_channel("sh");
  r.set_channel_reservation_id(id);
  r.set_property("riviera");
  r.set_sold_at("2025-06-15T10:00:00Z");
  r.set_arrival(test::DayOfMonthAhead(1));
  r.set_departure(test::DayOfMonthAhead(5));
  r.set_guest_name("Guest " + id);
  r.set_product("SH-MH4");
  r.mutable_price()->set_amount_minor(84900);
  r.mutable_price()->set_currency("EUR");
  r.set_revision(1);
  r.set_status(v1::RESERVATION_STATUS_NEW);
  r.set_payment_failed(payment_failed);
  return r;
}

class PaymentFailedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = std::make_unique<test::RedisServer>();
    pms_ = std::make_unique<test::PmsSimProcess>(kPmsData);
    const std::string declarations = dir_.path() + "/declarations.json";
    std::ofstream(declarations) << Declarations(pms_->base_url());
    server_ = std::make_unique<test::ChansyncServer>(
        redis_->endpoint(), std::vector<std::string>{"--declarations", declarations});
    pool_ = redis_->NewPool(2);
    log_ = std::make_unique<integration::RedisIntegrationLog>(*pool_);
  }

  int Push(const std::string& body) {
    httplib::Client client("127.0.0.1", server_->http_port());
    client.set_bearer_token_auth(server_->key());
    auto answer = client.Post("/v1/channels/sh/reservations", body, "application/json");
    return answer ? answer->status : -1;
  }

  // Waits until the record of `id` holds `revision` in the PMS, and returns it.
  integration::IntegrationRecord Integrated(const std::string& id, int64_t revision) {
    integration::IntegrationRecord found;
    const bool done = test::WaitUntil(
        [&] {
          auto record = log_->Get({"riviera", "sh", id});
          if (!record || !*record) return false;
          found = **record;
          return found.status == IntegrationStatus::kIntegrated &&
                 found.integrated_revision == revision;
        },
        20s);
    EXPECT_TRUE(done) << id << " r" << revision << " not integrated; log:\n" << server_->log();
    return found;
  }

  // A new API key of `role` (and `channel`, for a portal), made with `chansync keys create`.
  std::string NewKey(const std::string& role, const std::string& channel = "") {
    std::vector<std::string> args = {"keys", "create", "--role", role, "--name", role};
    if (!channel.empty()) args.insert(args.end(), {"--channel", channel});
    const auto created = server_->Cli(args);
    EXPECT_EQ(created.exit_code, 0) << created.err;
    std::istringstream lines(created.out);
    for (std::string line; std::getline(lines, line);) {
      if (line.starts_with("csk_")) return line;
    }
    ADD_FAILURE() << "no key printed: " << created.out;
    return "";
  }

  // The PMS reservation of `pms_id`, as pmssim answers it.
  rapidjson::Document PmsReservation(const std::string& pms_id) {
    rapidjson::Document doc;
    doc.Parse(pms_->Call("/v1/properties/riviera/reservations/" + pms_id).c_str());
    return doc;
  }

  test::TempDir dir_;
  std::unique_ptr<test::RedisServer> redis_;
  std::unique_ptr<test::PmsSimProcess> pms_;
  std::unique_ptr<test::ChansyncServer> server_;
  std::unique_ptr<redis::RedisPool> pool_;
  std::unique_ptr<integration::RedisIntegrationLog> log_;
};

TEST_F(PaymentFailedTest, AFailedPaymentIsFlaggedNotCancelledAndOnlyACancellationCancels) {
  ASSERT_EQ(Push(Reservation("P1", 1, "new", false)), 202);
  ASSERT_EQ(Push(Reservation("P2", 1, "new", false)), 202);
  const auto first = Integrated("P1", 1);
  Integrated("P2", 1);
  EXPECT_FALSE(first.reservation.payment_failed);

  ASSERT_EQ(Push(Reservation("P1", 2, "modified", true)), 202);
  const auto flagged = Integrated("P1", 2);
  EXPECT_TRUE(flagged.reservation.payment_failed);
  EXPECT_EQ(flagged.pms_reservation_id, first.pms_reservation_id);
  auto in_pms = PmsReservation(first.pms_reservation_id);
  ASSERT_TRUE(in_pms.IsObject());
  EXPECT_STREQ(in_pms["status"].GetString(), "confirmed");
  ASSERT_TRUE(in_pms.HasMember("payment_failed"));
  EXPECT_TRUE(in_pms["payment_failed"].GetBool());

  const auto all = server_->Cli({"integrations", "--property", "riviera", "--month", "2025-06"});
  EXPECT_NE(all.out.find("2 reservations"), std::string::npos) << all.out << all.err;
  const auto only = server_->Cli(
      {"integrations", "--property", "riviera", "--month", "2025-06", "--payment-failed"});
  EXPECT_EQ(only.exit_code, 0) << only.err;
  EXPECT_NE(only.out.find("1 reservation\n"), std::string::npos) << only.out;
  EXPECT_NE(only.out.find("P1"), std::string::npos) << only.out;
  EXPECT_EQ(only.out.find("P2"), std::string::npos) << only.out;
  const auto show = server_->Cli({"integration", "show", "riviera/sh/P1"});
  EXPECT_NE(show.out.find("payment failed"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("yes"), std::string::npos) << show.out;

  ASSERT_EQ(Push(Reservation("P1", 3, "cancelled", true)), 202);
  Integrated("P1", 3);
  EXPECT_STREQ(PmsReservation(first.pms_reservation_id)["status"].GetString(), "cancelled");
}

TEST_F(PaymentFailedTest, APaymentFlagThatIsNotABooleanIsRefusedNamingIt) {
  std::string body = Reservation("P3", 1, "new", false);
  body.replace(body.find("\"payment_failed\": false"), 23, "\"payment_failed\": \"yes\"");
  httplib::Client client("127.0.0.1", server_->http_port());
  client.set_bearer_token_auth(server_->key());
  auto answer = client.Post("/v1/channels/sh/reservations", body, "application/json");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 400);
  EXPECT_NE(answer->body.find("payment_failed"), std::string::npos) << answer->body;
}

// A portal pushing over gRPC with its own key, an operator reading over OperatorService with
// theirs: the same flag, kept through integration, in the PMS, the operator API and the CLI.
TEST_F(PaymentFailedTest, AFailedPaymentPushedOverGrpcIsIntegratedAndShownToOperators) {
  const std::string portal_key = NewKey("portal", "sh");
  const std::string operator_key = NewKey("operator");
  auto channel = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
  auto ingest = v1::IngestService::NewStub(channel);
  for (const auto& [id, payment_failed] : {std::pair{"G1", true}, std::pair{"G2", false}}) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + portal_key);
    v1::PushReservationRequest request;
    *request.mutable_reservation() = ProtoReservation(id, payment_failed);
    v1::PushReservationResponse response;
    const grpc::Status pushed = ingest->PushReservation(&context, request, &response);
    ASSERT_TRUE(pushed.ok()) << id << ": " << pushed.error_message();
    EXPECT_EQ(response.id(), std::string("riviera/sh/") + id);
  }
  const auto flagged = Integrated("G1", 1);
  EXPECT_TRUE(flagged.reservation.payment_failed);
  EXPECT_FALSE(Integrated("G2", 1).reservation.payment_failed);
  auto in_pms = PmsReservation(flagged.pms_reservation_id);
  ASSERT_TRUE(in_pms.IsObject());
  EXPECT_STREQ(in_pms["status"].GetString(), "confirmed") << "flagged, not cancelled";
  ASSERT_TRUE(in_pms.HasMember("payment_failed"));
  EXPECT_TRUE(in_pms["payment_failed"].GetBool());

  auto operators = v1::OperatorService::NewStub(channel);
  {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + operator_key);
    v1::GetIntegrationRequest request;
    request.set_id("riviera/sh/G1");
    v1::Integration shown;
    const grpc::Status got = operators->GetIntegration(&context, request, &shown);
    ASSERT_TRUE(got.ok()) << got.error_message();
    EXPECT_TRUE(shown.payment_failed());
    EXPECT_EQ(shown.pms_reservation_id(), flagged.pms_reservation_id);
  }
  {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + operator_key);
    v1::ListIntegrationsRequest request;
    request.set_property_id("riviera");
    request.set_month("2025-06");
    request.set_payment_failed_only(true);
    v1::ListIntegrationsResponse listed;
    const grpc::Status got = operators->ListIntegrations(&context, request, &listed);
    ASSERT_TRUE(got.ok()) << got.error_message();
    ASSERT_EQ(listed.count(), 1);
    ASSERT_EQ(listed.integrations_size(), 1);
    EXPECT_TRUE(listed.integrations(0).payment_failed());
    EXPECT_EQ(listed.integrations(0).channel_reservation_id(), "G1");
  }

  const auto show = server_->Cli({"integration", "show", "riviera/sh/G1"});
  EXPECT_EQ(show.exit_code, 0) << show.err;
  const size_t row = show.out.find("payment failed");
  ASSERT_NE(row, std::string::npos) << show.out;
  const std::string line = show.out.substr(row, show.out.find('\n', row) - row);
  EXPECT_NE(line.find("yes"), std::string::npos) << line;
}

}  // namespace
}  // namespace chansync
