#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

#include "chansync/fias/request_link.h"

namespace chansync::fias_pms::testing {

// A fias::RequestLink twin: records every request and answers it with the next scripted answer,
// or, when none is scripted, with `answerer` (by default: PMS_UNAVAILABLE). Its status is set by
// the test. Thread-safe.
class ScriptedLink final : public fias::RequestLink {
 public:
  using Answerer = std::function<fias::Answer(const fias::Record&)>;

  fias::Answer Call(const fias::Record& request) override {
    std::lock_guard lock(mutex_);
    sent_.push_back(request);
    if (!scripted_.empty()) {
      fias::Answer answer = std::move(scripted_.front());
      scripted_.pop_front();
      return answer;
    }
    if (answerer_) return answerer_(request);
    return core::Fail(core::ErrorCode::kPmsUnavailable, "the link is down");
  }
  bool WaitAlive(std::chrono::steady_clock::time_point) override { return status().alive; }
  fias::LinkStatus status() const override {
    std::lock_guard lock(mutex_);
    return status_;
  }

  void Script(fias::Answer answer) {
    std::lock_guard lock(mutex_);
    scripted_.push_back(std::move(answer));
  }
  void SetAnswerer(Answerer answerer) {
    std::lock_guard lock(mutex_);
    answerer_ = std::move(answerer);
  }
  void SetStatus(fias::LinkStatus status) {
    std::lock_guard lock(mutex_);
    status_ = std::move(status);
  }
  std::vector<fias::Record> sent() const {
    std::lock_guard lock(mutex_);
    return sent_;
  }

 private:
  mutable std::mutex mutex_;
  std::deque<fias::Answer> scripted_;
  Answerer answerer_;
  fias::LinkStatus status_{.alive = true, .connections = 1};
  std::vector<fias::Record> sent_;
};

}  // namespace chansync::fias_pms::testing
