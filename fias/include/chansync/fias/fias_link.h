#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "chansync/core/clock.h"
#include "chansync/core/error.h"
#include "chansync/fias/code_page.h"
#include "chansync/fias/link_protocol.h"
#include "chansync/fias/link_settings.h"
#include "chansync/fias/record.h"
#include "chansync/fias/request_link.h"

namespace chansync::fias {

// One persistent FIAS link to an interface (chansync is the client): a thread that connects,
// runs the LinkProtocol on the connection, and reconnects after ReconnectBackoff when the link
// ends, fails its handshake or its keep-alive. Requests are made with Call, one at a time.
// Thread-safe.
class FiasLink final : public RequestLink {
 public:
  // Called on the link's thread for each GI / GO / GC the interface sends on its own; must not
  // call Call.
  using EventHandler = std::function<void(const Record&)>;

  // INVALID_ARGUMENT when the settings' code page is unknown.
  static core::Result<std::unique_ptr<FiasLink>> Make(LinkSettings settings,
                                                      const core::Clock& clock,
                                                      EventHandler on_event = {});
  ~FiasLink() override;  // stops the thread and closes the connection

  // Starts the link's thread.
  void Start();
  void Stop();

  // Sends `request` (PR, PS, DR) and returns its answer (docs/fias.md). Callers queue: one
  // request is outstanding at a time. PMS_UNAVAILABLE when the link is not alive or is lost
  // before the answer (a posting's outcome is then unknown: resend its P#), DEADLINE_EXCEEDED
  // after the settings' answer timeout.
  Answer Call(const Record& request) override;

  // Waits until the link is alive; false when `deadline` comes first or the link is stopped.
  bool WaitAlive(std::chrono::steady_clock::time_point deadline) override;

  LinkStatus status() const override;

 private:
  class Wire;

  FiasLink(LinkSettings settings, const core::Clock& clock, CodePage code_page,
           EventHandler on_event);
  void Run(std::stop_token stop);
  // Connects, runs the protocol until the connection ends; false when no connection was made.
  bool RunConnection(std::stop_token stop);
  // Waits for bytes on `fd`, a wake-up or the protocol's next deadline; true when `fd` has
  // something to read (or ended).
  bool WaitForInput(int fd);
  // Hands `bodies` and the time to the protocol; returns the interface's events to deliver.
  std::vector<Record> Process(const std::vector<core::Result<std::string>>& bodies,
                              bool* came_alive, std::optional<std::string>* ended);
  void Wake();
  void SetDown(const std::string& reason);

  LinkSettings settings_;
  const core::Clock& clock_;
  CodePage code_page_;
  EventHandler on_event_;
  std::mutex call_mutex_;  // callers queue here: one request outstanding

  mutable std::mutex mutex_;    // guards the protocol and the status
  std::unique_ptr<Wire> wire_;  // the current connection, as the protocol's output
  std::unique_ptr<LinkProtocol> protocol_;
  LinkStatus status_;
  int wake_pipe_[2] = {-1, -1};  // a byte written wakes the link's thread
  std::jthread thread_;
};

}  // namespace chansync::fias
