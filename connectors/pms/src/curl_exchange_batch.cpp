#include "curl_exchange_batch.h"

#include <sys/epoll.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <thread>

namespace chansync::pms::curl {
namespace {

using core::ErrorCode;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

// Longest wait for an answer before the loop looks at its retry schedule again; curl's own
// timers (connect and transfer timeouts) shorten it when due sooner.
constexpr milliseconds kLongestPoll{100};

// One exchange on its way: how many attempts it made, the pause before the next, the attempt
// in flight and its last failure.
struct Progress {
  int attempts = 0;
  milliseconds backoff{0};
  Attempt attempt;
  std::optional<core::Error> last_failure;
};

}  // namespace

namespace {

// curl's CURLMOPT_SOCKETFUNCTION: keeps the epoll set in step with the sockets curl watches.
int WatchSocket(CURL*, curl_socket_t socket, int what, void* session_ptr, void*) {
  auto* session = static_cast<MultiSession*>(session_ptr);
  if (what == CURL_POLL_REMOVE) {
    epoll_ctl(session->epoll_fd, EPOLL_CTL_DEL, socket, nullptr);
    return 0;
  }
  epoll_event event{};
  event.events = ((what & CURL_POLL_IN) ? EPOLLIN : 0u) | ((what & CURL_POLL_OUT) ? EPOLLOUT : 0u);
  event.data.fd = socket;
  if (epoll_ctl(session->epoll_fd, EPOLL_CTL_MOD, socket, &event) != 0 && errno == ENOENT) {
    epoll_ctl(session->epoll_fd, EPOLL_CTL_ADD, socket, &event);
  }
  return 0;
}

// curl's CURLMOPT_TIMERFUNCTION: -1 removes the timer, 0 means at once.
int SetTimer(CURLM*, long timeout_ms, void* session_ptr) {
  auto* session = static_cast<MultiSession*>(session_ptr);
  if (timeout_ms < 0) {
    session->timer_due.reset();
  } else {
    session->timer_due = Clock::now() + milliseconds(timeout_ms);
  }
  return 0;
}

}  // namespace

MultiSession::MultiSession() : multi(curl_multi_init()), epoll_fd(epoll_create1(EPOLL_CLOEXEC)) {
  if (multi == nullptr || epoll_fd < 0) return;
  curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, WatchSocket);
  curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, SetTimer);
  curl_multi_setopt(multi, CURLMOPT_TIMERDATA, this);
}

MultiSession::~MultiSession() {
  for (CURL* handle : idle_handles) curl_easy_cleanup(handle);
  if (multi != nullptr) curl_multi_cleanup(multi);
  if (epoll_fd >= 0) close(epoll_fd);
}

std::unique_ptr<MultiSession> MultiSessionPool::Acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto session = std::move(idle_.back());
      idle_.pop_back();
      return session;
    }
  }
  return std::make_unique<MultiSession>();
}

void MultiSessionPool::Release(std::unique_ptr<MultiSession> session) {
  std::lock_guard lock(mutex_);
  if (idle_.size() < max_idle_) idle_.push_back(std::move(session));
}

std::vector<core::Result<std::string>> RunExchanges(MultiSession& session,
                                                    const std::vector<Exchange>& exchanges,
                                                    size_t max_in_flight,
                                                    const ClientSettings& settings,
                                                    const CallOptions& call) {
  const CurlPmsClientOptions& options = settings.options;
  std::vector<std::optional<core::Result<std::string>>> outcomes(exchanges.size());
  if (session.multi == nullptr || session.epoll_fd < 0) {
    for (auto& outcome : outcomes) {
      outcome = core::Fail(ErrorCode::kPmsUnavailable, "cannot allocate a curl multi handle");
    }
  }
  max_in_flight = std::max<size_t>(1, max_in_flight);
  if (session.multi != nullptr) {
    curl_multi_setopt(session.multi, CURLMOPT_MAXCONNECTS, static_cast<long>(max_in_flight));
  }

  // A deque keeps each Attempt where curl was told it is, without one allocation per exchange.
  std::deque<Progress> progress(exchanges.size());
  std::deque<size_t> ready;
  for (size_t i = 0; i < exchanges.size(); ++i) {
    progress[i].backoff = options.initial_backoff;
    if (!outcomes[i]) ready.push_back(i);
  }
  std::multimap<Clock::time_point, size_t> waiting;  // retries, by when they are due
  std::map<CURL*, size_t> in_flight;

  // Starts exchange `i` unless the deadline leaves no time for it.
  auto start = [&](size_t i) {
    Progress& p = progress[i];
    milliseconds timeout = options.request_timeout;
    bool deadline_bound = false;
    if (call.deadline) {
      const auto left = std::chrono::duration_cast<milliseconds>(*call.deadline - Clock::now());
      if (left.count() <= 0) {
        if (p.last_failure) {
          outcomes[i] = std::unexpected(*p.last_failure);
        } else {
          outcomes[i] =
              core::Fail(ErrorCode::kPmsUnavailable, std::string("deadline passed before ") +
                                                         MethodName(exchanges[i].method) + " " +
                                                         exchanges[i].path + " was sent");
        }
        return;
      }
      if (left < timeout) {
        timeout = left;
        deadline_bound = true;
      }
    }
    CURL* handle = nullptr;
    if (!session.idle_handles.empty()) {
      handle = session.idle_handles.back();
      session.idle_handles.pop_back();
    } else {
      handle = curl_easy_init();
    }
    if (handle == nullptr) {
      outcomes[i] = core::Fail(ErrorCode::kPmsUnavailable, "cannot allocate a curl handle");
      return;
    }
    ++p.attempts;
    p.attempt.Prepare(handle, exchanges[i], settings, timeout, deadline_bound);
    if (curl_multi_add_handle(session.multi, handle) != CURLM_OK) {
      session.idle_handles.push_back(handle);
      outcomes[i] = core::Fail(ErrorCode::kPmsUnavailable, "cannot start a PMS request");
      return;
    }
    in_flight.emplace(handle, i);
  };

  // Records the outcome of exchange `i`, or schedules its next attempt.
  auto settle = [&](size_t i, core::Result<std::string> outcome) {
    Progress& p = progress[i];
    if (outcome || !WorthRetrying(outcome.error()) || p.attempts >= options.max_attempts) {
      outcomes[i] = std::move(outcome);
      return;
    }
    const milliseconds pause = Jittered(p.backoff);
    if (call.deadline &&
        std::chrono::duration_cast<milliseconds>(*call.deadline - Clock::now()) <= pause) {
      outcomes[i] = std::move(outcome);  // no time left for another attempt
      return;
    }
    p.last_failure = outcome.error();
    p.backoff = std::min(p.backoff * 2, options.max_backoff);
    waiting.emplace(Clock::now() + pause, i);
  };

  for (;;) {
    const auto now = Clock::now();
    while (!waiting.empty() && waiting.begin()->first <= now) {
      ready.push_back(waiting.begin()->second);
      waiting.erase(waiting.begin());
    }
    while (in_flight.size() < max_in_flight && !ready.empty()) {
      const size_t i = ready.front();
      ready.pop_front();
      start(i);
    }
    if (in_flight.empty()) {
      if (waiting.empty()) break;
      std::this_thread::sleep_until(waiting.begin()->first);
      continue;
    }

    int running = 0;
    if (session.timer_due && *session.timer_due <= Clock::now()) {
      session.timer_due.reset();
      curl_multi_socket_action(session.multi, CURL_SOCKET_TIMEOUT, 0, &running);
    }
    bool finished_any = false;
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(session.multi, &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      CURL* handle = message->easy_handle;
      const CURLcode code = message->data.result;
      const size_t i = in_flight.at(handle);
      in_flight.erase(handle);
      auto outcome = progress[i].attempt.Outcome(handle, code);
      curl_multi_remove_handle(session.multi, handle);
      session.idle_handles.push_back(handle);
      settle(i, std::move(outcome));
      finished_any = true;
    }
    if (finished_any || in_flight.empty()) continue;
    if (session.timer_due && *session.timer_due <= Clock::now()) continue;

    auto wake = Clock::now() + kLongestPoll;
    if (!waiting.empty()) wake = std::min(wake, waiting.begin()->first);
    if (session.timer_due) wake = std::min(wake, *session.timer_due);
    const auto wait = std::chrono::ceil<milliseconds>(wake - Clock::now());
    std::array<epoll_event, 16> events;
    const int ready_count =
        epoll_wait(session.epoll_fd, events.data(), static_cast<int>(events.size()),
                   static_cast<int>(std::max<int64_t>(wait.count(), 0)));
    for (int e = 0; e < ready_count; ++e) {
      const uint32_t got = events[e].events;
      const int mask = ((got & EPOLLIN) ? CURL_CSELECT_IN : 0) |
                       ((got & EPOLLOUT) ? CURL_CSELECT_OUT : 0) |
                       ((got & (EPOLLERR | EPOLLHUP)) ? CURL_CSELECT_ERR : 0);
      curl_multi_socket_action(session.multi, events[e].data.fd, mask, &running);
    }
  }

  std::vector<core::Result<std::string>> results;
  results.reserve(exchanges.size());
  for (auto& outcome : outcomes) results.push_back(std::move(*outcome));
  return results;
}

}  // namespace chansync::pms::curl
