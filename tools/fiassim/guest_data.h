#pragma once

#include <string>

#include "chansync/core/error.h"
#include "hotel.h"

namespace chansync::fiassim {

// Checks in the guests of a JSON file:
//   {"guests": [{"room": "101", "guest": "4711", "name": "Müller", "first_name": "Anna",
//                "no_post": false}]}
// INVALID_ARGUMENT naming the guest and field when the file does not read.
core::Status LoadGuestsFile(const std::string& path, Hotel& hotel);

}  // namespace chansync::fiassim
