#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "commands.h"
#include "service_access.h"

namespace {

constexpr const char* kUsage =
    "usage: loadgen SUBCOMMAND [--flag value ...]\n"
    "  baseline-xadd       --redis HOST:PORT [--seconds 5] [--pipeline 64] [--payload-bytes 1024]\n"
    "  baseline-grpc-echo  [--seconds 5] [--in-flight 64] [--payload-bytes B]\n"
    "  baseline-http-echo  [--seconds 5] [--threads 8] [--payload-bytes B]\n"
    "  baseline-pms        --pms http://HOST:PORT [--seconds 5] [--threads 8]\n"
    "  ingest-grpc         --grpc HOST:PORT [--seconds 5] [--in-flight 64]\n"
    "  ingest-http         --http HOST:PORT [--seconds 5] [--threads 8]\n"
    "  h2load-bodies       --out DIR: request bodies for h2load (HTTP JSON, framed gRPC)\n"
    "  ingest-batch        --grpc HOST:PORT [--seconds 5] [--streams 2] [--per-stream 2000]\n"
    "                      [--count N: push exactly N, ignoring --seconds]\n"
    "  check-latency       --grpc HOST:PORT --pms http://HOST:PORT [--seconds 5] [--threads 4]\n"
    "  drain               --grpc HOST:PORT --redis HOST:PORT [--count 100000] [--timeout 300]\n"
    "                      [--stall 15] [--chansync-pid PID]\n"
    "  planning-nightly    --grpc HOST:PORT [--properties 1000] [--timeout 300] [--poll-ms 1000]\n"
    "  planning-forced     --grpc HOST:PORT --portal http://HOST:PORT [--property big]\n"
    "  planning-delta      --grpc HOST:PORT --portal http://HOST:PORT [--properties 1000]\n"
    "                      [--samples 50] [--sample-timeout-ms 5000]\n"
    "  baseline-pms-postings --pms URL [--seconds 5] [--threads 8]\n"
    "  postings-drain      --http HOST:PORT --pms URL [--count 20000] [--timeout 120] [--stall "
    "10]\n"
    "  postings-latency    --http HOST:PORT --pms URL [--rate 1000] [--seconds 5]\n"
    "                      (postings-* take --property bp000 --stays 50 --tills 4 --run TAG;\n"
    "                      --fias-control http://HOST:PORT counts bookings in fiassim instead)\n"
    "Those before planning-* also take --properties 50 --channels 3 --products 4 --run TAG\n"
    "(planning-* name the estate of planning_estate.h; planning-delta takes --run too).\n"
    "Those that call chansync take --api-key-file FILE: its first line is the API key sent\n"
    "(gRPC metadata and HTTP header `authorization: Bearer <key>`); none without it.\n"
    "Each prints one JSON line of results.\n";

}  // namespace

int main(int argc, char** argv) {
  using chansync::loadgen::Flags;
  const std::map<std::string, std::function<int(const Flags&)>> commands = {
      {"baseline-xadd", chansync::loadgen::BaselineXadd},
      {"baseline-grpc-echo", chansync::loadgen::BaselineGrpcEcho},
      {"baseline-http-echo", chansync::loadgen::BaselineHttpEcho},
      {"baseline-pms", chansync::loadgen::BaselinePms},
      {"ingest-grpc", chansync::loadgen::IngestGrpc},
      {"ingest-http", chansync::loadgen::IngestHttp},
      {"h2load-bodies", chansync::loadgen::H2loadBodies},
      {"ingest-batch", chansync::loadgen::IngestBatch},
      {"check-latency", chansync::loadgen::CheckLatency},
      {"drain", chansync::loadgen::Drain},
      {"planning-nightly", chansync::loadgen::PlanningNightly},
      {"planning-forced", chansync::loadgen::PlanningForced},
      {"planning-delta", chansync::loadgen::PlanningDelta},
      {"baseline-pms-postings", chansync::loadgen::BaselinePmsPostings},
      {"postings-drain", chansync::loadgen::PostingsDrain},
      {"postings-latency", chansync::loadgen::PostingsLatency},
  };
  if (argc < 2 || !commands.contains(argv[1])) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  auto flags = Flags::Parse(std::vector<std::string>(argv + 2, argv + argc));
  if (!flags) {
    std::fprintf(stderr, "loadgen: %s\n%s", flags.error().message.c_str(), kUsage);
    return 2;
  }
  if (auto key = chansync::loadgen::ApiKeyFrom(*flags); !key) {
    std::fprintf(stderr, "loadgen: %s\n", key.error().message.c_str());
    return 2;
  }
  return commands.at(argv[1])(*flags);
}
