#include "fias_listener.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "chansync/core/json_fields.h"
#include "chansync/fias/frame_reader.h"
#include "chansync/fias/record_codec.h"
#include "chansync/fias/wire_values.h"
#include "interface_session.h"

namespace chansync::fiassim {
namespace {

constexpr int kPollMs = 50;

void WriteMap(core::json::Writer& w, std::string_view key,
              const std::map<std::string, std::string>& map) {
  core::json::Key(w, key);
  w.StartObject();
  for (const auto& [name, value] : map) {
    core::json::Key(w, name);
    core::json::String(w, value);
  }
  w.EndObject();
}

}  // namespace

// The session's output on one connection: records go out through the listener (so control
// threads and the session never interleave frames); a drop is noted and done by the reader.
class FiasListener::Connection final : public SessionOutput {
 public:
  explicit Connection(FiasListener& listener) : listener_(listener) {}
  void Send(const fias::Record& record) override { listener_.Send(record); }
  void Drop() override { dropped_ = true; }
  bool dropped() const { return dropped_; }

 private:
  FiasListener& listener_;
  bool dropped_ = false;
};

FiasListener::FiasListener(Hotel& hotel, Faults& faults, fias::CodePage code_page,
                           std::optional<fias::LinkKey> key)
    : hotel_(hotel), faults_(faults), code_page_(std::move(code_page)), key_(key) {}

FiasListener::~FiasListener() {
  if (listen_fd_ >= 0) ::close(listen_fd_);
}

core::Result<int> FiasListener::Listen(const std::string& host, int port) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int yes = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  if (::inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "not an IPv4 address: " + host);
  }
  socklen_t length = sizeof address;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
      ::listen(listen_fd_, 16) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "cannot listen on " + host + ":" + std::to_string(port));
  }
  return ntohs(address.sin_port);
}

void FiasListener::Run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    pollfd ready{listen_fd_, POLLIN, 0};
    if (::poll(&ready, 1, kPollMs) <= 0) continue;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    int yes = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    Serve(fd, stop);
  }
}

void FiasListener::Serve(int fd, std::stop_token stop) {
  {
    std::lock_guard lock(mutex_);
    fd_ = fd;
    alive_ = false;
    ++connections_;
  }
  Connection output(*this);
  InterfaceSession session(hotel_, faults_, key_, output);
  fias::FrameReader reader;
  const fias::WireDateTime now = fias::WireDateTimeOf(std::chrono::system_clock::now());
  session.Start(now.date, now.time);
  char buffer[16 * 1024];
  while (!stop.stop_requested() && !output.dropped()) {
    pollfd ready{fd, POLLIN, 0};
    if (::poll(&ready, 1, kPollMs) <= 0) continue;
    const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
    if (got <= 0) break;
    for (auto& body : reader.Feed(std::string_view(buffer, static_cast<size_t>(got)))) {
      if (!body) {
        std::printf("fiassim: %s\n", body.error().ToString().c_str());
        continue;
      }
      auto record = fias::ParseRecord(code_page_.FromWire(*body));
      if (!record) {
        std::printf("fiassim: %s\n", record.error().ToString().c_str());
        continue;
      }
      {
        std::lock_guard lock(mutex_);
        ++received_[record->type()];
      }
      session.OnRecord(*record);
      std::lock_guard lock(mutex_);
      alive_ = session.alive();
      if (record->type() == "LD") {
        link_description_.clear();
        for (const fias::Field& field : record->fields()) {
          link_description_[field.id] = field.value;
        }
      }
      announced_ = session.announced();
      if (output.dropped()) break;
    }
  }
  std::lock_guard lock(mutex_);
  ::close(fd);
  fd_ = -1;
  alive_ = false;
  std::fflush(stdout);
}

bool FiasListener::Send(const fias::Record& record) {
  const std::string frame = fias::Frame(code_page_.ToWire(fias::EncodeRecord(record)));
  std::lock_guard lock(mutex_);
  return WriteLocked(frame);
}

bool FiasListener::Notify(const fias::Record& record) {
  const std::string frame = fias::Frame(code_page_.ToWire(fias::EncodeRecord(record)));
  std::lock_guard lock(mutex_);
  return alive_ && WriteLocked(frame);
}

bool FiasListener::SendRaw(std::string_view bytes) {
  std::lock_guard lock(mutex_);
  return WriteLocked(bytes);
}

bool FiasListener::WriteLocked(std::string_view bytes) {
  if (fd_ < 0) return false;
  while (!bytes.empty()) {
    const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(sent));
  }
  return true;
}

void FiasListener::Drop() {
  std::lock_guard lock(mutex_);
  // The reading thread sees the end of the stream and closes the socket itself.
  if (fd_ >= 0) ::shutdown(fd_, SHUT_RDWR);
}

std::string FiasListener::StatusJson() const {
  std::lock_guard lock(mutex_);
  rapidjson::StringBuffer buffer;
  core::json::Writer w(buffer);
  w.StartObject();
  core::json::Key(w, "connected");
  w.Bool(fd_ >= 0);
  core::json::Key(w, "alive");
  w.Bool(alive_);
  core::json::Key(w, "connections");
  w.Int64(connections_);
  core::json::Key(w, "received");
  w.StartObject();
  for (const auto& [type, count] : received_) {
    core::json::Key(w, type);
    w.Int64(count);
  }
  w.EndObject();
  WriteMap(w, "link_description", link_description_);
  WriteMap(w, "announced", announced_);
  w.EndObject();
  return core::json::Text(buffer);
}

}  // namespace chansync::fiassim
