#include "workload.h"

#include <cstdio>

#include "chansync/core/reservation_json.h"

namespace chansync::loadgen {

std::string PropertyName(int index) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "bp%03d", index);
  return buffer;
}

std::string ChannelName(int index) { return "bch" + std::to_string(index); }

core::Reservation MakeReservation(const WorkloadShape& shape, const std::string& run,
                                  int64_t sequence) {
  static const core::CivilDate kFirstArrival = *core::CivilDate::Parse("2027-01-04");
  static const core::Timestamp kSoldAt = *core::ParseTimestamp("2026-11-15T10:00:00Z");
  const int64_t per_property = sequence / shape.properties;
  const int channel = static_cast<int>(per_property % shape.channels);
  const int product = static_cast<int>((per_property / shape.channels) % shape.products);
  core::Reservation r;
  r.channel = ChannelName(channel);
  r.channel_reservation_id = run + "-" + std::to_string(sequence);
  r.property = PropertyName(static_cast<int>(sequence % shape.properties));
  r.sold_at = kSoldAt;
  const core::CivilDate arrival = kFirstArrival.AddDays(sequence % 300);
  r.stay = core::Stay{arrival, arrival.AddDays(2)};
  r.guest_name = "Guest " + std::to_string(sequence);
  r.product = r.channel + "-P" + std::to_string(product);
  r.price = core::Money{24000 + sequence % 1000, "EUR"};
  return r;
}

WorkloadShape ShapeFrom(const Flags& flags) {
  WorkloadShape shape;
  shape.properties = static_cast<int>(flags.GetInt("properties", shape.properties));
  shape.channels = static_cast<int>(flags.GetInt("channels", shape.channels));
  shape.products = static_cast<int>(flags.GetInt("products", shape.products));
  return shape;
}

core::PmsProductId PmsProductOf(const core::Reservation& r) {
  return "u" + r.product.substr(r.product.rfind("-P") + 2);
}

}  // namespace chansync::loadgen
