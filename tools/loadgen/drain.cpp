#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "chansync/api/grpc/reservation_proto.h"
#include "chansync/integration/redis_integration_log.h"
#include "chansync/redis/redis.h"
#include "chansync/v1/ingest.grpc.pb.h"
#include "commands.h"
#include "service_access.h"
#include "stats.h"
#include "workload.h"

namespace chansync::loadgen {
namespace {

// The integer after `key` in `text`, -1 when `key` is missing.
long long IntegerAfter(std::string_view text, std::string_view key) {
  const auto at = text.find(key);
  if (at == std::string_view::npos) return -1;
  long long value = 0;
  const std::string_view digits = text.substr(at + key.size());
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

std::string_view TextAfter(std::string_view record, std::string_view key) {
  const auto at = record.find(key);
  if (at == std::string_view::npos) return "";
  const auto begin = at + key.size();
  return record.substr(begin, record.find('"', begin) - begin);
}

long long UsedMemory(redis::RedisConnection& redis) {
  auto info = redis.Command({"INFO", "memory"});
  if (!info) return 0;
  auto text = info->String();
  if (!text) return 0;
  return std::max(IntegerAfter(*text, "used_memory:"), 0LL);
}

// VmHWM of a process in bytes, 0 when unreadable.
long long PeakRss(const std::string& pid) {
  std::ifstream status("/proc/" + pid + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmHWM:")) return std::atoll(line.c_str() + 6) * 1024;
  }
  return 0;
}

// Records in the sale-month index of every property, by outcome.
struct Outcomes {
  int64_t succeeded = 0;
  int64_t failed = 0;
};

core::Result<Outcomes> CountOutcomes(redis::RedisConnection& redis, const WorkloadShape& shape) {
  const core::YearMonth month = *core::YearMonth::Parse(kSaleMonth);
  std::vector<redis::RedisCommand> commands;
  for (int p = 0; p < shape.properties; ++p) {
    for (auto index_class : {integration::RedisIntegrationLog::IndexClass::kSucceeded,
                             integration::RedisIntegrationLog::IndexClass::kFailed}) {
      commands.push_back({"ZCARD", integration::RedisIntegrationLog::IndexKey(
                                       PropertyName(p), integration::MonthIndex::kBySaleDate, month,
                                       index_class)});
    }
  }
  ASSIGN_OR_RETURN(auto replies, redis.Pipeline(commands));
  Outcomes outcomes;
  for (size_t i = 0; i < replies.size(); ++i) {
    ASSIGN_OR_RETURN(const long long records, replies[i].Integer());
    ((i % 2 == 0) ? outcomes.succeeded : outcomes.failed) += records;
  }
  return outcomes;
}

struct RecordScan {
  std::vector<double> latencies_ms;  // received_at → integrated_at of the integrated ones
  std::string first_error;           // "<code>: <message>" of the first record with an error
};

RecordScan ScanRecords(redis::RedisConnection& redis, const WorkloadShape& shape,
                       const std::string& run, int64_t count) {
  RecordScan scan;
  std::vector<double>& latencies = scan.latencies_ms;
  for (int64_t first = 0; first < count; first += 1000) {
    std::vector<redis::RedisCommand> commands;
    for (int64_t s = first; s < std::min(first + 1000, count); ++s) {
      const core::Reservation r = MakeReservation(shape, run, s);
      commands.push_back({"GET", integration::RedisIntegrationLog::RecordKey(
                                     {r.property, r.channel, r.channel_reservation_id})});
    }
    auto replies = redis.Pipeline(commands);
    if (!replies) break;
    for (const auto& reply : *replies) {
      auto stored = reply.StringOrNil();
      if (!stored || !*stored) continue;
      const std::string_view record = **stored;
      const long long received = IntegerAfter(record, "\"ra\":");
      const long long integrated = IntegerAfter(record, "\"ia\":");
      if (received >= 0 && integrated >= 0) {
        latencies.push_back(static_cast<double>(integrated - received));
      }
      if (scan.first_error.empty() && record.find("\"ec\":\"") != std::string_view::npos) {
        scan.first_error = std::string(TextAfter(record, "\"ec\":\"")) + ": " +
                           std::string(TextAfter(record, "\"em\":\""));
      }
    }
  }
  return scan;
}

}  // namespace

// Pushes `count` reservations as fast as they are accepted (client streams), then polls the
// integration log until every one has an outcome, `timeout` passes or nothing settles for
// `stall` seconds.
int Drain(const Flags& flags) {
  const WorkloadShape shape = ShapeFrom(flags);
  const std::string run = flags.Get("run", "drain");
  const int64_t count = flags.GetInt("count", 100'000);
  const double timeout = static_cast<double>(flags.GetInt("timeout", 300));
  auto endpoint = redis::RedisEndpoint::Parse(flags.Get("redis", "127.0.0.1:6379"));
  if (!endpoint) {
    std::fprintf(stderr, "loadgen: %s\n", endpoint.error().message.c_str());
    return 1;
  }
  redis::RedisConnection redis(*endpoint, redis::RedisOptions{});
  auto before = CountOutcomes(redis, shape);
  if (!before) {
    std::fprintf(stderr, "loadgen: %s\n", before.error().ToString().c_str());
    return 1;
  }
  const long long memory_before = UsedMemory(redis);

  auto stub = v1::IngestService::NewStub(ServiceChannel(flags));
  std::atomic<int64_t> next{0}, accepted{0};
  const int64_t per_stream = 2000;
  const auto start = std::chrono::steady_clock::now();
  {
    std::vector<std::jthread> pushers;
    for (int t = 0; t < 2; ++t) {
      pushers.emplace_back([&] {
        for (int64_t first = next.fetch_add(per_stream); first < count;
             first = next.fetch_add(per_stream)) {
          grpc::ClientContext context;
          v1::PushReservationsResponse response;
          auto writer = stub->PushReservations(&context, &response);
          for (int64_t s = first; s < std::min(first + per_stream, count); ++s) {
            v1::PushReservationRequest request;
            *request.mutable_reservation() =
                api::ReservationToProto(MakeReservation(shape, run, s));
            if (!writer->Write(request)) break;
          }
          writer->WritesDone();
          writer->Finish();
          accepted += response.accepted();
        }
      });
    }
  }
  const double push_seconds = SecondsSince(start);

  // The rate is taken up to the last progress, so a run that stalls (reservations accepted but
  // never settled) still reports how fast the settled ones went, and stops early.
  const double stall = static_cast<double>(flags.GetInt("stall", 15));
  Outcomes now = *before;
  int64_t settled = 0;
  double last_progress = SecondsSince(start);
  while (SecondsSince(start) < timeout) {
    auto counted = CountOutcomes(redis, shape);
    if (counted) now = *counted;
    const int64_t total = (now.succeeded - before->succeeded) + (now.failed - before->failed);
    if (total > settled) last_progress = SecondsSince(start);
    settled = total;
    if (settled >= accepted || SecondsSince(start) - last_progress > stall) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const double drain_seconds = last_progress;
  const int64_t integrated = now.succeeded - before->succeeded;
  const long long memory_after = UsedMemory(redis);
  RecordScan scan = ScanRecords(redis, shape, run, count);
  std::vector<double>& latencies = scan.latencies_ms;
  const auto pid = flags.Find("chansync-pid");
  JsonLine("drain")
      .Number("pushed", static_cast<double>(count))
      .Number("accepted", static_cast<double>(accepted))
      .Number("push_seconds", push_seconds)
      .Number("push_per_s", static_cast<double>(accepted) / push_seconds)
      .Number("integrated", static_cast<double>(integrated))
      .Number("failed", static_cast<double>(now.failed - before->failed))
      .Text("first_error", scan.first_error)
      .Number("complete", settled >= accepted ? 1 : 0)
      .Number("unsettled", static_cast<double>(accepted - settled))
      .Number("drain_seconds", drain_seconds)
      .Number("integrations_per_s", static_cast<double>(integrated) / drain_seconds)
      .Number("latency_p50_ms", Quantile(latencies, 0.50))
      .Number("latency_p99_ms", Quantile(latencies, 0.99))
      .Number("latency_p999_ms", Quantile(latencies, 0.999))
      .Number("redis_used_memory_delta", static_cast<double>(memory_after - memory_before))
      .Number("redis_bytes_per_record", integrated > 0
                                            ? static_cast<double>(memory_after - memory_before) /
                                                  static_cast<double>(integrated)
                                            : 0)
      .Number("chansync_peak_rss", pid ? static_cast<double>(PeakRss(*pid)) : 0)
      .Print();
  return settled >= accepted && accepted > 0 ? 0 : 1;
}

}  // namespace chansync::loadgen
