#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "flags.h"
#include "postings_workload.h"

namespace httplib {
class Client;
}

namespace chansync::loadgen {

// One till's kept-alive connection to chansync's postings API (--http, with the API key).
class TillConnection {
 public:
  explicit TillConnection(const Flags& flags);
  ~TillConnection();

  // POSTs `charge`; "" when it was accepted as a new posting (202, not a duplicate), the error
  // otherwise. Sets `business_date` to the date chansync gave it.
  std::string Submit(const postings::Posting& charge, std::string* business_date = nullptr);
  // GET of `path` on chansync: the body of a 200, or nullopt.
  std::optional<std::string> Get(const std::string& path);

 private:
  std::unique_ptr<httplib::Client> client_;
};

// The PMS's own count of postings booked, -1 when unreadable: fiassim's (GET /postings
// "booked_total" on --fias-control, its control API) when the flag is given, else pmssim's (GET
// /admin/stats "postings" on --pms).
class BookedCounter {
 public:
  explicit BookedCounter(const Flags& flags);
  int64_t operator()() const;
  const std::string& url() const { return url_; }

 private:
  std::string url_;
  bool fias_ = false;
};

// Polls the PMS until it has booked `target` postings, `timeout` passes or nothing is booked for
// `stall` seconds. Answers the seconds since `start` of the last progress and the count then.
struct BookedProgress {
  double seconds = 0;
  int64_t booked = 0;
};
BookedProgress WaitUntilBooked(const BookedCounter& booked, int64_t target,
                               std::chrono::steady_clock::time_point start, double timeout,
                               double stall);

}  // namespace chansync::loadgen
