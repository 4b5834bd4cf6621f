#pragma once

#include <string>
#include <string_view>

#include "chansync/core/error.h"
#include "chansync/pms/folio_book.h"
#include "chansync/pms/reservation_book.h"

namespace chansync::pmssim {

// Loads the properties of a data file (see sample-data.json) into `book` and `folios`:
//   {"properties": [{"id", "name", "products": [{"id","name","units"}],
//                    "options": [{"id","name"}], "reservations": [<contract reservations>],
//                    "folios": {"currency", "business_date", "stays": [<contract stays>],
//                               "accounts": ["Deposit", ...]}}]}
// "folios" may be left out: the property then has no stay nor account, posts in EUR and its
// business date is `today`. INVALID_ARGUMENT naming the property and field on any mistake.
core::Status LoadProperties(std::string_view json, pms::ReservationBook& book,
                            pms::FolioBook& folios, core::CivilDate today);
core::Status LoadPropertiesFile(const std::string& path, pms::ReservationBook& book,
                                pms::FolioBook& folios, core::CivilDate today);

}  // namespace chansync::pmssim
