// Every hostile input of a portal gone wrong, against a real `chansync serve` with its workers
// and PMS: each is refused with its stable code, the process stays up with its memory bounded,
// nothing is queued for any of them, and a normal push afterwards is still integrated.
#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>

#include <future>
#include <iostream>

#include "census.h"
#include "chansync/test/dates.h"
#include "chansync/test/loopback.h"
#include "chansync/test/process_memory.h"
#include "estate.h"

namespace chansync::test::reliability {
namespace {

using namespace std::chrono_literals;

constexpr long kRssBoundKib = 200 * 1024;

const Channel& Sh() { return Channels()[0]; }

// The members of a reservation of `sh`, as JSON text, each replaceable by a hostile one.
struct Members {
  std::string arrival = '"' + DayOfMonthAhead(1) + '"';
  std::string departure = '"' + DayOfMonthAhead(8) + '"';
  std::string guest_name = R"("Jeanne Martin")";
  std::string options = "[]";
  std::string revision = "1";
  std::string check_id;  // left out when empty
  std::string property = "riviera";
  std::string product = "SH-MH4";
};

std::string Body(const Members& m) {
  return R"({"channel_reservation_id": "BAD-1", "property": ")" + m.property +
         R"(", "product": ")" + m.product + R"(",
    "price": {"amount_minor": 84900, "currency": "EUR"}, "arrival": )" +
         m.arrival + ", \"departure\": " + m.departure + ", \"guest_name\": " + m.guest_name +
         ", \"options\": " + m.options + ", \"revision\": " + m.revision +
         (m.check_id.empty() ? "" : ", \"check_id\": " + m.check_id) + "}";
}

std::string Options(int lines, int quantity) {
  std::string options = "[";
  for (int i = 0; i < lines; ++i) {
    options += (i ? "," : "") + std::string(R"({"option":"O)") + std::to_string(i) +
               R"(","quantity":)" + std::to_string(quantity) + "}";
  }
  return options + "]";
}

struct BadInput {
  std::string name;
  std::string path;
  std::string body;
  int status;
  std::string code;
};

std::vector<BadInput> BadInputs() {
  const std::string reservations = "/v1/channels/sh/reservations";
  const std::string deep(150000, '[');
  return {
      {"150,000-deep [ on /reservations", reservations, deep, 400, "INVALID_RESERVATION"},
      {"150,000-deep [ on :batch", reservations + ":batch", deep, 400, "INVALID_RESERVATION"},
      {"150,000-deep [ on /availability-checks", "/v1/channels/sh/availability-checks", deep, 400,
       "INVALID_ARGUMENT"},
      {"invalid UTF-8 guest name", reservations, Body({.guest_name = "\"Jos\xe9\""}), 400,
       "INVALID_RESERVATION"},
      {"stay in 1900", reservations,
       Body({.arrival = R"("1900-07-01")", .departure = R"("1900-07-08")"}), 400,
       "INVALID_RESERVATION"},
      {"stay in 9999", reservations,
       Body({.arrival = R"("9999-07-01")", .departure = R"("9999-07-08")"}), 400,
       "INVALID_RESERVATION"},
      {"30,000 option lines", reservations, Body({.options = Options(30000, 1)}), 400,
       "INVALID_RESERVATION"},
      {"500 KB check_id", reservations,
       Body({.check_id = '"' + std::string(500 * 1024, 'c') + '"'}), 400, "INVALID_RESERVATION"},
      {"quantity 2,147,483,647", reservations, Body({.options = Options(1, 2147483647)}), 400,
       "INVALID_RESERVATION"},
      {"NUL in a guest name", reservations, Body({.guest_name = R"("Jea\u0000nne")"}), 400,
       "INVALID_RESERVATION"},
      {"CR/LF in a guest name", reservations, Body({.guest_name = R"("A\r\nB")"}), 400,
       "INVALID_RESERVATION"},
      {"revision INT64_MAX", reservations, Body({.revision = "9223372036854775807"}), 400,
       "INVALID_RESERVATION"},
      {"unknown property", reservations, Body({.property = "nowhere"}), 404, "NOT_FOUND"},
      {"unknown channel", "/v1/channels/nobody/reservations", Body({}), 404, "NOT_FOUND"},
      {"unknown product", reservations, Body({.product = "SH-GONE"}), 404, "NOT_FOUND"},
  };
}

// Sends `body` as the request of `method` through gRPC's generic API, so bytes that are no
// protobuf reach the server as they are.
grpc::Status RawGrpcCall(const std::string& address, const std::string& method,
                         const std::string& body) {
  grpc::GenericStub generic(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  grpc::Slice slice(body);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + 10s);
  context.AddMetadata("authorization", "Bearer " + ApiKey());
  std::promise<grpc::Status> done;
  generic.UnaryCall(&context, method, grpc::StubOptions(), &request, &response,
                    [&](grpc::Status status) { done.set_value(status); });
  return done.get_future().get();
}

// Four 100 MB chunked bodies at once, streamed; the server's RSS is sampled meanwhile. Returns
// the answers and sets `max_rss_kib` to the largest RSS seen.
std::vector<std::string> FourChunkedHundredMegabyteBodies(int port, pid_t server,
                                                          long& max_rss_kib) {
  std::atomic<bool> sending{true};
  std::atomic<long> max_rss{RssKib(server)};
  std::thread sampler([&] {
    while (sending) {
      max_rss = std::max(max_rss.load(), RssKib(server));
      std::this_thread::sleep_for(5ms);
    }
  });
  std::vector<std::future<std::string>> senders;
  for (int i = 0; i < 4; ++i) {
    senders.push_back(std::async(std::launch::async, [port] {
      return SendChunked(port, "/v1/channels/sh/reservations", size_t{100} << 20, ApiKey());
    }));
  }
  std::vector<std::string> answers;
  for (auto& sender : senders) answers.push_back(sender.get());
  sending = false;
  sampler.join();
  max_rss_kib = max_rss;
  return answers;
}

class HostileInputTest : public ::testing::TestWithParam<int> {};

TEST_P(HostileInputTest, EachIsRefusedWithItsCodeNothingIsQueuedAndTheServiceGoesOn) {
  Estate estate;
  auto server = estate.StartServer();
  const pid_t pid = server->process().pid();
  int tried = 0, refused_with_code = 0;
  for (const BadInput& bad : BadInputs()) {
    ++tried;
    const PushAnswer answer = PostJson(server->http_port(), bad.path, bad.body);
    EXPECT_EQ(answer.status, bad.status) << bad.name;
    EXPECT_EQ(answer.code, bad.code) << bad.name;
    refused_with_code += answer.status == bad.status && answer.code == bad.code;
    ASSERT_TRUE(server->process().running()) << bad.name << "\n" << server->log();
  }

  long max_rss_kib = 0;
  for (const std::string& answer :
       FourChunkedHundredMegabyteBodies(server->http_port(), pid, max_rss_kib)) {
    ++tried;
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 413")) << answer.substr(0, 300);
    EXPECT_NE(answer.find("INVALID_ARGUMENT"), std::string::npos) << answer.substr(0, 300);
    refused_with_code +=
        answer.starts_with("HTTP/1.1 413") && answer.find("INVALID_ARGUMENT") != std::string::npos;
  }
  EXPECT_LT(max_rss_kib, kRssBoundKib);

  ++tried;
  const grpc::Status garbage = RawGrpcCall(
      server->address(), "/chansync.v1.IngestService/PushReservation", "\xff\xff\xff\xff no proto");
  EXPECT_EQ(garbage.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << garbage.error_message();
  EXPECT_NE(garbage.error_message().find("INVALID_ARGUMENT"), std::string::npos);
  refused_with_code += garbage.error_code() == grpc::StatusCode::INVALID_ARGUMENT;

  ASSERT_TRUE(server->process().running()) << server->log();
  EXPECT_EQ(estate.QueuedEver(), 0) << "a hostile input was queued";

  const std::string good_id = "GOOD-" + std::to_string(GetParam());
  EXPECT_EQ(PostReservation(server->http_port(), Sh(), ReservationJson(Sh(), good_id)).status, 202);
  const std::vector<ReservationRef> refs{{"sh", good_id}, {"sh", "BAD-1"}};
  const bool integrated =
      WaitUntil([&] { return IsIntegrated(ReadLog(estate.log(), refs)[0]); }, 20s);
  const PmsCensus pms = TakePmsCensus(estate.pms());
  const auto records = ReadLog(estate.log(), refs);

  Figures figures{.scenario = "hostile input", .run = GetParam()};
  figures.pushed = tried + 1;
  figures.accepted = estate.QueuedEver();
  figures.in_pms = static_cast<int64_t>(pms.held.size());
  figures.in_log = IsIntegrated(records[0]) + records[1].has_value();
  figures.duplicates = static_cast<int64_t>(pms.Duplicates());
  figures.lost = !integrated;
  figures.detail = std::to_string(refused_with_code) + " of " + std::to_string(tried) +
                   " hostile inputs refused with their code; largest RSS " +
                   std::to_string(max_rss_kib / 1024) +
                   " MiB during 4 concurrent 100 MB chunked bodies; then the normal push " +
                   (integrated ? "integrated" : "NOT integrated");
  std::cout << figures.Line() << '\n';

  EXPECT_EQ(refused_with_code, tried);
  EXPECT_TRUE(integrated) << server->log();
  EXPECT_EQ(figures.accepted, 1);
  EXPECT_FALSE(records[1].has_value()) << "a record for a refused reservation";
  EXPECT_EQ(pms.reservations, 1u);
  ASSERT_NE(pms.Find(refs[0]), nullptr);
  EXPECT_TRUE(server->process().running());
}

INSTANTIATE_TEST_SUITE_P(ThreeRuns, HostileInputTest, ::testing::Values(1, 2, 3));

}  // namespace
}  // namespace chansync::test::reliability
