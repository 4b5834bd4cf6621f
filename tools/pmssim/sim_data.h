#pragma once

#include <string>
#include <string_view>

#include "chansync/core/error.h"
#include "chansync/pms/reservation_book.h"

namespace chansync::pmssim {

// Loads the properties of a data file (see sample-data.json) into `book`:
//   {"properties": [{"id", "name", "products": [{"id","name","units"}],
//                    "options": [{"id","name"}], "reservations": [<contract reservations>]}]}
// INVALID_ARGUMENT naming the property and field on any mistake.
core::Status LoadProperties(std::string_view json, pms::ReservationBook& book);
core::Status LoadPropertiesFile(const std::string& path, pms::ReservationBook& book);

}  // namespace chansync::pmssim
