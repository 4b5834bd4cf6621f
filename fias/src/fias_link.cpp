#include "chansync/fias/fias_link.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <future>
#include <vector>

#include "chansync/fias/frame_reader.h"
#include "chansync/fias/record_codec.h"

namespace chansync::fias {
namespace {

// The longest the link's thread sleeps without looking at the time (a safety net: every
// deadline and every request also wakes it).
constexpr std::chrono::milliseconds kMaxPoll{1000};

// A TCP connection to host:port made within `timeout`; -1 with `error` set otherwise.
int ConnectTcp(const std::string& host, int port, std::chrono::milliseconds timeout,
               std::string* error) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  if (::inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) {
    *error = "not an IPv4 address: " + host;
    return -1;
  }
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) {
    *error = "no socket";
    return -1;
  }
  int result = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  if (result != 0 && errno == EINPROGRESS) {
    pollfd writable{fd, POLLOUT, 0};
    int so_error = ETIMEDOUT;
    socklen_t length = sizeof so_error;
    if (::poll(&writable, 1, static_cast<int>(timeout.count())) == 1) {
      ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &length);
    }
    result = so_error == 0 ? 0 : -1;
    errno = so_error;
  }
  if (result != 0) {
    *error = "cannot connect to " + host + ":" + std::to_string(port) + ": " + strerror(errno);
    ::close(fd);
    return -1;
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  int yes = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  return fd;
}

}  // namespace

// The protocol's output on the current connection. Used under FiasLink::mutex_.
class FiasLink::Wire final : public LinkOutput {
 public:
  explicit Wire(const CodePage& code_page) : code_page_(code_page) {}

  void Attach(int fd) {
    fd_ = fd;
    dropped_.reset();
  }
  void Send(const Record& record) override {
    if (fd_ < 0) return;
    const std::string frame = Frame(code_page_.ToWire(EncodeRecord(record)));
    std::string_view left = frame;
    while (!left.empty()) {
      const ssize_t sent = ::send(fd_, left.data(), left.size(), MSG_NOSIGNAL);
      if (sent <= 0) {
        // The reader sees the connection end; what was not written is the protocol's to
        // resolve (a request fails PMS_UNAVAILABLE when the link is lost).
        if (!dropped_) dropped_ = "write failed: " + std::string(strerror(errno));
        return;
      }
      left.remove_prefix(static_cast<size_t>(sent));
    }
  }
  void Drop(const std::string& reason) override {
    if (!dropped_) dropped_ = reason;
  }
  void Event(const Record& record) override { events_.push_back(record); }

  const std::optional<std::string>& dropped() const { return dropped_; }
  std::vector<Record> TakeEvents() { return std::exchange(events_, {}); }

 private:
  const CodePage& code_page_;
  int fd_ = -1;
  std::optional<std::string> dropped_;
  std::vector<Record> events_;
};

core::Result<std::unique_ptr<FiasLink>> FiasLink::Make(LinkSettings settings,
                                                       const core::Clock& clock,
                                                       EventHandler on_event) {
  ASSIGN_OR_RETURN(CodePage code_page, CodePage::Open(settings.code_page));
  return std::unique_ptr<FiasLink>(
      new FiasLink(std::move(settings), clock, std::move(code_page), std::move(on_event)));
}

FiasLink::FiasLink(LinkSettings settings, const core::Clock& clock, CodePage code_page,
                   EventHandler on_event)
    : settings_(std::move(settings)),
      clock_(clock),
      code_page_(std::move(code_page)),
      on_event_(std::move(on_event)),
      wire_(std::make_unique<Wire>(code_page_)),
      protocol_(std::make_unique<LinkProtocol>(settings_, *wire_)) {
  status_.since = clock_.Now();
  if (::pipe2(wake_pipe_, O_CLOEXEC | O_NONBLOCK) != 0) wake_pipe_[0] = wake_pipe_[1] = -1;
}

FiasLink::~FiasLink() {
  Stop();
  for (int fd : wake_pipe_) {
    if (fd >= 0) ::close(fd);
  }
}

void FiasLink::Start() {
  thread_ = std::jthread([this](std::stop_token stop) { Run(stop); });
}

void FiasLink::Stop() {
  if (!thread_.joinable()) return;
  thread_.request_stop();
  Wake();
  thread_.join();
}

void FiasLink::Wake() {
  const char byte = 1;
  (void)!::write(wake_pipe_[1], &byte, 1);  // a full pipe already wakes the thread
}

Answer FiasLink::Call(const Record& request) {
  std::lock_guard queue(call_mutex_);
  std::promise<Answer> answer;
  std::future<Answer> answered = answer.get_future();
  {
    std::lock_guard lock(mutex_);
    protocol_->Submit(
        request, [&answer](Answer result) { answer.set_value(std::move(result)); },
        clock_.SteadyNow());
  }
  Wake();  // the request's deadline is the thread's next wake-up
  return answered.get();
}

bool FiasLink::WaitAlive(std::chrono::steady_clock::time_point deadline) {
  constexpr std::chrono::milliseconds kStep{20};
  const std::stop_token stop = thread_.get_stop_token();
  for (;;) {
    if (status().alive) return true;
    const auto now = clock_.SteadyNow();
    if (now >= deadline || stop.stop_requested()) return false;
    if (!clock_.WaitUntil(std::min(deadline, now + kStep), stop)) return false;
  }
}

LinkStatus FiasLink::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

void FiasLink::SetDown(const std::string& reason) {
  std::lock_guard lock(mutex_);
  if (status_.alive) status_.since = clock_.Now();
  status_.alive = false;
  status_.last_failure = reason;
}

void FiasLink::Run(std::stop_token stop) {
  std::stop_callback wake_on_stop(stop, [this] { Wake(); });
  int failed_attempts = 0;
  while (!stop.stop_requested()) {
    const bool came_alive = RunConnection(stop);
    failed_attempts = came_alive ? 0 : failed_attempts + 1;
    if (stop.stop_requested()) break;
    (void)clock_.WaitFor(ReconnectBackoff(settings_, std::max(0, failed_attempts - 1)), stop);
  }
}

bool FiasLink::RunConnection(std::stop_token stop) {
  std::string error;
  const int fd = ConnectTcp(settings_.host, settings_.port, settings_.connect_timeout, &error);
  if (fd < 0) {
    SetDown(error);
    return false;
  }
  {
    std::lock_guard lock(mutex_);
    wire_->Attach(fd);
    protocol_->OnConnected(clock_.SteadyNow());
    ++status_.connections;
  }
  FrameReader reader;
  bool came_alive = false;
  std::optional<std::string> ended;
  char buffer[16 * 1024];
  while (!ended && !stop.stop_requested()) {
    std::vector<core::Result<std::string>> bodies;
    if (WaitForInput(fd)) {
      const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
      if (got <= 0) {
        ended = got == 0 ? "the interface closed the connection"
                         : "read failed: " + std::string(strerror(errno));
        break;
      }
      bodies = reader.Feed(std::string_view(buffer, static_cast<size_t>(got)));
    }
    for (const Record& event : Process(bodies, &came_alive, &ended)) {
      if (on_event_) on_event_(event);
    }
  }
  const std::string reason = ended.value_or("the link was stopped");
  {
    std::lock_guard lock(mutex_);
    protocol_->OnDisconnected(reason);
    wire_->Attach(-1);
  }
  ::close(fd);
  spdlog::info("FIAS {}:{}: link down: {}", settings_.host, settings_.port, reason);
  SetDown(reason);
  return came_alive;
}

bool FiasLink::WaitForInput(int fd) {
  std::optional<std::chrono::steady_clock::time_point> next;
  {
    std::lock_guard lock(mutex_);
    next = protocol_->NextDeadline();
  }
  auto wait = kMaxPoll;
  if (next) {
    wait = std::clamp(std::chrono::ceil<std::chrono::milliseconds>(*next - clock_.SteadyNow()),
                      std::chrono::milliseconds(0), kMaxPoll);
  }
  pollfd ready[2] = {{fd, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
  ::poll(ready, 2, static_cast<int>(wait.count()));
  if (ready[1].revents & POLLIN) {
    char drain[64];
    while (::read(wake_pipe_[0], drain, sizeof drain) > 0) {
    }
  }
  return (ready[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0;
}

std::vector<Record> FiasLink::Process(const std::vector<core::Result<std::string>>& bodies,
                                      bool* came_alive, std::optional<std::string>* ended) {
  std::lock_guard lock(mutex_);
  for (const auto& body : bodies) {
    core::Result<Record> record = body ? ParseRecord(code_page_.FromWire(*body))
                                       : core::Result<Record>(std::unexpected(body.error()));
    if (!record) {
      // FIAS asks both sides to ignore what they cannot read; the link goes on.
      spdlog::warn("FIAS {}:{}: record ignored: {}", settings_.host, settings_.port,
                   record.error().ToString());
      continue;
    }
    protocol_->OnRecord(*record, clock_.SteadyNow(), clock_.Now());
  }
  protocol_->OnTick(clock_.SteadyNow(), clock_.Now());
  if (protocol_->alive() && !status_.alive) {
    status_.alive = true;
    status_.since = clock_.Now();
    *came_alive = true;
  }
  if (wire_->dropped()) *ended = *wire_->dropped();
  return wire_->TakeEvents();
}

}  // namespace chansync::fias
