#pragma once

#include <cstdint>
#include <string>

#include "chansync/core/reservation.h"
#include "flags.h"

namespace chansync::loadgen {

// The benchmark's estate, named the same way by tests/bench/run.sh when it writes the
// declarations and the pmssim data: properties bp000.., channels bch0.., channel product
// "<channel>-P<k>" linked to PMS product "u<k>".
struct WorkloadShape {
  int properties = 50;
  int channels = 3;
  int products = 4;
};

// --properties, --channels and --products, defaulting to the fields above.
WorkloadShape ShapeFrom(const Flags& flags);

std::string PropertyName(int index);
std::string ChannelName(int index);

// The sale month of every generated reservation (they are all sold at one instant in it), so
// the integration log's month index of that month holds all of them.
inline constexpr const char* kSaleMonth = "2026-11";

// Reservation number `sequence` of a run: spread round-robin over properties, then channels,
// then products; two-night stays over 300 arrival days; id "<run>-<sequence>". Valid as is.
core::Reservation MakeReservation(const WorkloadShape& shape, const std::string& run,
                                  int64_t sequence);

// The PMS product a generated reservation's channel product is linked to ("u<k>").
core::PmsProductId PmsProductOf(const core::Reservation& r);

}  // namespace chansync::loadgen
