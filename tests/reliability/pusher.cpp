#include "pusher.h"

namespace chansync::test::reliability {

RetryingPusher::RetryingPusher(std::vector<Item> items, const std::atomic<int>& http_port,
                               Pace pace)
    : items_(std::move(items)), http_port_(http_port), pace_(pace), accepted_as_(items_.size()) {
  for (auto& slot : accepted_as_) slot.store(-1);
  for (int t = 0; t < pace_.threads; ++t) threads_.emplace_back([this] { Run(); });
}

RetryingPusher::~RetryingPusher() {
  Stop();
  Join();
}

void RetryingPusher::Join() {
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

void RetryingPusher::Stop() { stop_ = true; }

std::map<std::string, int64_t> RetryingPusher::Refusals() const {
  std::lock_guard lock(refusals_mutex_);
  return refusals_;
}

void RetryingPusher::Run() {
  for (size_t i = next_++; i < items_.size() && !stop_; i = next_++) {
    const Item& item = items_[i];
    while (!stop_) {
      ++attempts_;
      const PushAnswer answer = PostReservation(http_port_.load(), item.channel, item.body);
      if (answer.status == 202) {
        accepted_as_[i] = accepted_++;
        break;
      }
      {
        std::lock_guard lock(refusals_mutex_);
        ++refusals_[std::to_string(answer.status) + (answer.code.empty() ? "" : " ") + answer.code];
      }
      std::this_thread::sleep_for(pace_.retry_after);
    }
    if (pace_.between.count() > 0) std::this_thread::sleep_for(pace_.between);
  }
}

std::vector<ReservationRef> RefsOf(const std::vector<RetryingPusher::Item>& items) {
  std::vector<ReservationRef> refs;
  for (const auto& item : items) refs.push_back({item.channel.id, item.id});
  return refs;
}

}  // namespace chansync::test::reliability
