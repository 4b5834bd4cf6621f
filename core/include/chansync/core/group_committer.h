#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace chansync::core {

// Group commit of single requests that each cost a few store round trips: callers of Submit
// block while one sender thread runs the oldest waiting requests together, one `run` call per
// group key (in order of arrival within a group), at most `max_batch` requests at a time; the
// requests that arrive meanwhile leave together in the next round. A lone request runs as soon
// as the sender is free, one thread hand-off later than if its caller ran it.
//
// `run` answers one Answer per request, in order, and must not throw. Shutdown (or
// destruction) lets the round under way finish and answers every other request with `stopped`.
// Thread-safe.
template <typename Request, typename Answer>
class GroupCommitter {
 public:
  using Run = std::function<std::vector<Answer>(const std::string& group, std::vector<Request>)>;

  GroupCommitter(Run run, Answer stopped, size_t max_batch = 256)
      : run_(std::move(run)), stopped_(std::move(stopped)), max_batch_(max_batch) {
    sender_ = std::thread([this] { SendLoop(); });
  }

  ~GroupCommitter() { Shutdown(); }

  // Lets the round under way finish, answers the waiting requests, and every later one, with
  // `stopped`, and joins the sender. Idempotent; not to be called from `run`.
  void Shutdown() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    arrived_.notify_all();
    if (sender_.joinable()) sender_.join();
  }

  bool stopping() const {
    std::lock_guard lock(mutex_);
    return stopping_;
  }

  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // How many requests wait for the next round (the round under way not counted): a snapshot.
  size_t waiting() const {
    std::lock_guard lock(mutex_);
    return waiting_.size();
  }

  Answer Submit(std::string group, Request request) {
    std::promise<Answer> answer;
    auto future = answer.get_future();
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return stopped_;
      waiting_.push_back({std::move(group), std::move(request), &answer});
    }
    arrived_.notify_one();
    return future.get();
  }

 private:
  struct Waiting {
    std::string group;
    Request request;
    std::promise<Answer>* answer;
  };

  void SendLoop() {
    for (;;) {
      std::vector<Waiting> round;
      {
        std::unique_lock lock(mutex_);
        arrived_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
        if (stopping_) break;
        while (!waiting_.empty() && round.size() < max_batch_) {
          round.push_back(std::move(waiting_.front()));
          waiting_.pop_front();
        }
      }
      RunRound(round);
    }
    std::lock_guard lock(mutex_);
    for (Waiting& waiting : waiting_) waiting.answer->set_value(stopped_);
    waiting_.clear();
  }

  void RunRound(std::vector<Waiting>& round) {
    std::map<std::string, std::vector<Waiting*>> groups;
    for (Waiting& waiting : round) groups[waiting.group].push_back(&waiting);
    for (auto& [group, members] : groups) {
      std::vector<Request> requests;
      requests.reserve(members.size());
      for (Waiting* member : members) requests.push_back(std::move(member->request));
      std::vector<Answer> answers = run_(group, std::move(requests));
      for (size_t i = 0; i < members.size(); ++i) {
        members[i]->answer->set_value(i < answers.size() ? std::move(answers[i]) : stopped_);
      }
    }
  }

  const Run run_;
  const Answer stopped_;
  const size_t max_batch_;
  mutable std::mutex mutex_;
  std::condition_variable arrived_;
  std::deque<Waiting> waiting_;
  bool stopping_ = false;
  std::thread sender_;  // last: started once everything it reads is constructed
};

}  // namespace chansync::core
