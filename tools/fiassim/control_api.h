#pragma once

#include "chansync/tools/sim_http.h"
#include "faults.h"
#include "fias_listener.h"
#include "hotel.h"

namespace chansync::fiassim {

// fiassim's control channel over HTTP (docs/fias.md): what tests and operators read and switch
// while the FIAS link runs. Thread-safe.
class ControlApi {
 public:
  ControlApi(Hotel& hotel, Faults& faults, FiasListener& link)
      : hotel_(hotel), faults_(faults), link_(link) {}

  tools::SimResponse Handle(const tools::SimRequest& request);

 private:
  tools::SimResponse GuestEvent(std::string_view event, std::string_view body);
  tools::SimResponse Send(std::string_view body);

  Hotel& hotel_;
  Faults& faults_;
  FiasListener& link_;
};

// {"error": {"code", "message"}}, the simulators' error shape.
std::string EncodeError(std::string_view code, std::string_view message);

}  // namespace chansync::fiassim
