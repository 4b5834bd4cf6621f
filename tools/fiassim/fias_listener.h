#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>

#include "chansync/core/error.h"
#include "chansync/fias/code_page.h"
#include "chansync/fias/cryptogram.h"
#include "chansync/fias/record.h"
#include "faults.h"
#include "hotel.h"

namespace chansync::fiassim {

// The interface's TCP side: listens, serves one connection at a time (a FIAS interface has one
// client; the next connection waits in the backlog until the current one ends), runs an
// InterfaceSession on it, and lets the control API send records or drop the link from other
// threads. Thread-safe.
class FiasListener {
 public:
  FiasListener(Hotel& hotel, Faults& faults, fias::CodePage code_page,
               std::optional<fias::LinkKey> key);
  ~FiasListener();

  // Binds and listens on host:port (0 = any free port); the bound port.
  core::Result<int> Listen(const std::string& host, int port);
  // Serves connections until `stop` is requested.
  void Run(std::stop_token stop);

  // Sends `record` on the current connection, whatever the link's state; false without one.
  bool Send(const fias::Record& record);
  // Sends `record` only on a link that is alive (guest events: a client that is not linked
  // learns them from its database resync); false otherwise.
  bool Notify(const fias::Record& record);
  // Writes bytes as they are (garbage, a hand-made frame); false when there is no connection.
  bool SendRaw(std::string_view bytes);
  // Closes the current connection, if any.
  void Drop();

  // {"connected", "alive", "connections", "received": {record id: count}, "link_description":
  //  {field: value}, "announced": {record id: field list}}
  std::string StatusJson() const;

 private:
  class Connection;
  void Serve(int fd, std::stop_token stop);
  bool WriteLocked(std::string_view bytes);

  Hotel& hotel_;
  Faults& faults_;
  fias::CodePage code_page_;
  std::optional<fias::LinkKey> key_;
  int listen_fd_ = -1;

  mutable std::mutex mutex_;  // guards what follows; held while writing to fd_
  int fd_ = -1;
  bool alive_ = false;
  int64_t connections_ = 0;
  std::map<std::string, int64_t> received_;
  std::map<std::string, std::string> link_description_;
  std::map<std::string, std::string> announced_;
};

}  // namespace chansync::fiassim
