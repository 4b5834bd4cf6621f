#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

// Restaurant tills charging guests' rooms over HTTP (docs/postings-api.md, `POST postings`), one
// thread per till, the way a till does when the hub does not answer: the same posting again
// (same source, so the same posting id) until it is answered 202.
namespace chansync::test::reliability {

struct TillPosting {
  std::string id;        // <pos_id>:<ticket_id>:<line>
  std::string folio_id;  // the guest folio it is charged to
  int64_t owed = 0;      // amount plus tip: what it adds to that folio's balance
  std::string body;      // the JSON the till posts
};

// A charge of `amount` (+ `tip`) cents in EUR under `revenue_centre` to stay `stay_id`.
TillPosting RoomCharge(const std::string& pos_id, const std::string& ticket_id, int line,
                       const std::string& revenue_centre, int64_t amount, int64_t tip,
                       const std::string& stay_id, const std::string& folio_id);

class RetryingTills {
 public:
  // `tills[t]` are the postings till t sends, in order, with `key` to `property`'s postings at
  // the HTTP port read before every attempt (so a restarted server is found again).
  RetryingTills(std::vector<std::vector<TillPosting>> tills, const std::string& property,
                const std::string& key, const std::atomic<int>& http_port,
                std::chrono::milliseconds retry_after);
  ~RetryingTills();
  RetryingTills(const RetryingTills&) = delete;
  RetryingTills& operator=(const RetryingTills&) = delete;

  // Waits until every till has had each of its postings accepted (or Stop was called).
  void Join();
  void Stop();

  int64_t attempts() const { return attempts_.load(); }
  int64_t accepted() const { return accepted_.load(); }
  // Acceptances answered `"duplicate": true`: a resend of a posting already stored, whose first
  // answer the till never heard.
  int64_t answered_duplicate() const { return answered_duplicate_.load(); }
  // The business dates the acceptances named.
  std::set<std::string> BusinessDates() const;
  // Every answer that was not 202, by "<status> <code>" ("-1 ..." when nothing answered).
  std::map<std::string, int64_t> Refusals() const;
  const std::vector<std::vector<TillPosting>>& tills() const { return tills_; }

 private:
  void Run(const std::vector<TillPosting>& till);
  void Accepted(const std::string& answer_body);

  std::vector<std::vector<TillPosting>> tills_;
  std::string path_;
  std::string key_;
  const std::atomic<int>& http_port_;
  std::chrono::milliseconds retry_after_;
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> attempts_{0};
  std::atomic<int64_t> accepted_{0};
  std::atomic<int64_t> answered_duplicate_{0};
  mutable std::mutex mutex_;
  std::set<std::string> business_dates_;
  std::map<std::string, int64_t> refusals_;
  std::vector<std::thread> threads_;
};

}  // namespace chansync::test::reliability
