#pragma once

#include <string>
#include <string_view>

#include "chansync/pms/reservation_book.h"
#include "chansync/tools/sim_http.h"
#include "faults.h"
#include "folio_api.h"

namespace chansync::pmssim {

using tools::SimRequest;
using tools::SimResponse;

// The simulator's HTTP API (docs/pms-api.md plus /admin/...), independent of the HTTP server.
// Thread-safe.
class SimApi {
 public:
  // `credentials` empty = the Authorization header is not checked.
  SimApi(pms::ReservationBook& book, pms::FolioBook& folios, Faults& faults,
         std::string credentials)
      : book_(book), folios_(folios), faults_(faults), credentials_(std::move(credentials)) {}

  SimResponse Handle(const SimRequest& request);

 private:
  SimResponse HandleV1(const SimRequest& request, std::string_view rest);
  SimResponse HandleProperty(const SimRequest& request, const std::string& property,
                             std::string_view rest);
  SimResponse ListOrFind(const SimRequest& request, const std::string& property);
  SimResponse HandleAdmin(const SimRequest& request, std::string_view rest);
  SimResponse Stats() const;

  pms::ReservationBook& book_;
  FolioApi folios_;
  Faults& faults_;
  const std::string credentials_;
};

}  // namespace chansync::pmssim
