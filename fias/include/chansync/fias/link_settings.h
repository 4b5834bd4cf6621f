#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "chansync/fias/cryptogram.h"

namespace chansync::fias {

// How chansync runs its side of one FIAS link (docs/fias.md).
struct LinkSettings {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string code_page = "CP850";
  // The LD record's version (V#) and interface family (IF).
  std::string version = "chansync 1";
  std::string interface_family = "PO";
  // Set when the interface is configured with a key: the handshake sends a CG.
  std::optional<LinkKey> key;
  // One LR per record type chansync sends or wants, with its field ids.
  std::vector<std::pair<std::string, std::string>> records = DefaultRecords();

  // The interface must send LS, and answer the handshake's LA, within this.
  std::chrono::milliseconds handshake_timeout = std::chrono::seconds(30);
  // After this long without sending, chansync sends LA; a link silent for answer_timeout after
  // it is dead.
  std::chrono::milliseconds keep_alive_interval = std::chrono::seconds(60);
  // How long a posting (or a keep-alive) waits for its answer; inquiries and resyncs wait
  // inquiry_timeout.
  std::chrono::milliseconds answer_timeout = std::chrono::seconds(30);
  std::chrono::milliseconds inquiry_timeout = std::chrono::seconds(60);
  // Reconnection waits first_backoff, doubling up to max_backoff; a link that came alive
  // starts again from first_backoff.
  std::chrono::milliseconds first_backoff = std::chrono::seconds(1);
  std::chrono::milliseconds max_backoff = std::chrono::seconds(30);
  std::chrono::milliseconds connect_timeout = std::chrono::seconds(5);

  static std::vector<std::pair<std::string, std::string>> DefaultRecords() {
    return {{"PS", "RNTAP#SOPMT1S1TPCTWSDATI"},
            {"PR", "RNG#TAP#SOPMT1S1TPCTWSDATI"},
            {"PA", "ASP#RNG#DATI"},
            {"PL", "ASP#RNG#GN"},
            {"DR", "DATI"},
            {"DS", "DATI"},
            {"DE", "DATI"},
            {"GI", "RNG#GNGFNP"},
            {"GO", "RNG#"},
            {"GC", "RNG#GNGFNP"}};
  }
};

// The wait before reconnection attempt `attempt` (0 for the first after a loss):
// first_backoff doubling, at most max_backoff.
std::chrono::milliseconds ReconnectBackoff(const LinkSettings& settings, int attempt);

}  // namespace chansync::fias
