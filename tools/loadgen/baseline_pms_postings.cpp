#include <cstdio>
#include <string>

#include "chansync/pms/curl_folio_client.h"
#include "commands.h"
#include "postings_workload.h"
#include "stats.h"
#include "timed_phase.h"

namespace chansync::loadgen {

// pmssim's own posting rate through the client chansync's posting workers use, with no retries
// so every call is measured once: charges to the bench's in-house guests, each a new posting.
int BaselinePmsPostings(const Flags& flags) {
  pms::CurlPmsClientOptions options;
  options.base_url = flags.Get("pms", "http://127.0.0.1:7481");
  options.max_attempts = 1;
  auto client = pms::CurlFolioClient::Make(options);
  if (!client) {
    std::fprintf(stderr, "loadgen: %s\n", client.error().ToString().c_str());
    return 1;
  }
  const PostingsShape shape = PostingsShapeFrom(flags);
  const std::string run = flags.Get("run", "pms-postings");
  const int threads = static_cast<int>(flags.GetInt("threads", 8));
  const double seconds = static_cast<double>(flags.GetInt("seconds", 5));
  const core::CivilDate today = TodayUtc();
  PhaseResult posts = RunPhase(threads, seconds, [&](int64_t sequence) -> std::string {
    auto receipt = (*client)->Post(PmsRequestOf(MakeCharge(shape, run, sequence, today)));
    return receipt ? "" : receipt.error().ToString();
  });
  JsonLine("baseline-pms-postings")
      .Number("postings", static_cast<double>(posts.ok))
      .Number("failed", static_cast<double>(posts.failed))
      .Number("seconds", posts.seconds)
      .Number("postings_per_s", static_cast<double>(posts.ok) / posts.seconds)
      .Number("p50_us", Quantile(posts.latencies_us, 0.50))
      .Number("p99_us", Quantile(posts.latencies_us, 0.99))
      .Text("first_error", posts.first_error)
      .Number("threads", threads)
      .Print();
  return posts.ok > 0 ? 0 : 1;
}

}  // namespace chansync::loadgen
