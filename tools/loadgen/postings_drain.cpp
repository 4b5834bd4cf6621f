#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "commands.h"
#include "postings_workload.h"
#include "stats.h"
#include "till_traffic.h"

namespace chansync::loadgen {
namespace {

struct Submitted {
  std::atomic<int64_t> accepted{0};
  std::atomic<int64_t> refused{0};
  std::mutex mutex;
  std::string first_error;

  void Count(const std::string& outcome) {
    if (outcome.empty()) {
      ++accepted;
      return;
    }
    ++refused;
    std::lock_guard lock(mutex);
    if (first_error.empty()) first_error = outcome;
  }
};

}  // namespace

// `count` charges from `tills` tills as fast as chansync accepts them, then waits until pmssim
// has booked them all: postings/s from the first submit to the last booking, as pmssim counts.
int PostingsDrain(const Flags& flags) {
  const PostingsShape shape = PostingsShapeFrom(flags);
  const std::string run = flags.Get("run", "postings-drain");
  const BookedCounter booked_count(flags);
  const int64_t count = flags.GetInt("count", 20'000);
  const int64_t booked_before = booked_count();
  if (booked_before < 0) {
    std::fprintf(stderr, "loadgen: cannot read the PMS's booked count at %s\n",
                 booked_count.url().c_str());
    return 1;
  }
  Submitted submitted;
  std::atomic<int64_t> next{0};
  const auto start = std::chrono::steady_clock::now();
  {
    std::vector<std::jthread> tills;
    for (int t = 0; t < shape.tills; ++t) {
      tills.emplace_back([&] {
        TillConnection till(flags);
        for (int64_t s = next++; s < count; s = next++) {
          submitted.Count(till.Submit(MakeCharge(shape, run, s, {})));
        }
      });
    }
  }
  const double submit_seconds = SecondsSince(start);
  const BookedProgress done =
      WaitUntilBooked(booked_count, booked_before + submitted.accepted, start,
                      static_cast<double>(flags.GetInt("timeout", 120)),
                      static_cast<double>(flags.GetInt("stall", 10)));
  const int64_t booked = done.booked - booked_before;
  JsonLine("postings-drain")
      .Number("submitted", static_cast<double>(count))
      .Number("accepted", static_cast<double>(submitted.accepted))
      .Number("refused", static_cast<double>(submitted.refused))
      .Text("first_error", submitted.first_error)
      .Number("submit_per_s", static_cast<double>(submitted.accepted) / submit_seconds)
      .Number("booked", static_cast<double>(booked))
      .Number("seconds", done.seconds)
      .Number("postings_per_s", static_cast<double>(booked) / done.seconds)
      .Number("tills", shape.tills)
      .Print();
  return booked == submitted.accepted && booked > 0 ? 0 : 1;
}

}  // namespace chansync::loadgen
