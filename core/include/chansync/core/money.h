#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "chansync/core/error.h"

namespace chansync::core {

// An amount in the currency's minor unit (cents for EUR). Never a floating-point number.
struct Money {
  int64_t minor_units = 0;
  std::string currency;  // ISO 4217 alphabetic code, upper case ("EUR")

  // Fails with INVALID_ARGUMENT unless `currency` is three upper-case ASCII letters.
  static Result<Money> Make(int64_t minor_units, std::string_view currency);

  friend bool operator==(const Money&, const Money&) = default;
};

bool IsCurrencyCode(std::string_view code);

}  // namespace chansync::core
