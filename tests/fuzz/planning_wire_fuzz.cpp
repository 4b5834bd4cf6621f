// The channel planning wire decoders (connectors/channel/planning_wire.h), which portalsim and
// any portal-side reader use. The first byte picks the decoder; a decoded push must survive
// encode → decode unchanged, and cutting it into bounded requests must keep every cell, in
// order, with no request over the bound.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chansync/channel/planning_wire.h"
#include "fuzz_target.h"
#include "round_trip.h"

namespace chansync::fuzz {
namespace {

namespace wire = channel::wire;

// PortalError has no ==; its (code, message) pair does.
using ErrorFields = std::pair<std::string, std::string>;
core::Result<ErrorFields> DecodeErrorFields(std::string_view json) {
  auto error = wire::DecodeError(json);
  if (!error) return std::unexpected(error.error());
  return ErrorFields{error->code, error->message};
}

// Every night of every run, flattened in push order: what the split must preserve.
struct Cell {
  std::string product;
  int64_t day;
  int free;
  friend bool operator==(const Cell&, const Cell&) = default;
};
std::vector<Cell> CellsOf(const core::PlanningPush& push) {
  std::vector<Cell> cells;
  for (const auto& product : push.products) {
    for (const auto& run : product.runs) {
      for (size_t i = 0; i < run.free_units.size(); ++i) {
        cells.push_back({product.product, run.from.DaysSinceEpoch() + static_cast<int64_t>(i),
                         run.free_units[i]});
      }
    }
  }
  return cells;
}

void CheckSplit(const core::PlanningPush& push, int64_t max_cells) {
  std::vector<Cell> joined;
  for (const auto& request : wire::SplitPlanningPush(push, max_cells)) {
    FUZZ_CHECK(request.property == push.property && request.channel == push.channel,
               "a request lost the push's property or channel");
    FUZZ_CHECK(request.Cells() >= 1 && request.Cells() <= std::max<int64_t>(max_cells, 1),
               "a request of " + std::to_string(request.Cells()) + " cells, bound " +
                   std::to_string(max_cells));
    auto decoded = wire::DecodePlanningPush(wire::EncodePlanningPush(request));
    FUZZ_CHECK(decoded.has_value() && *decoded == request,
               "a request of the split does not decode to itself");
    for (auto& cell : CellsOf(request)) joined.push_back(std::move(cell));
  }
  FUZZ_CHECK(joined == CellsOf(push), "the split lost, added or reordered cells");
}

void FuzzPlanningWire(std::string_view input) {
  const auto [selector, json] = SplitSelector(input);
  switch (selector % 3) {
    case 0: {
      CheckRoundTrip(json, wire::DecodePlanningPush, wire::EncodePlanningPush);
      auto push = wire::DecodePlanningPush(json);
      // Bounds from 0 (counts as 1) to 63, so splits happen inside small pushes too.
      if (push) CheckSplit(*push, selector / 4);
      return;
    }
    case 1:
      return CheckRoundTrip(json, wire::DecodeAccepted, wire::EncodeAccepted);
    default:
      return CheckRoundTrip(json, DecodeErrorFields, [](const ErrorFields& error) {
        return wire::EncodeError(error.first, error.second);
      });
  }
}

}  // namespace
}  // namespace chansync::fuzz

CHANSYNC_FUZZ_TARGET("planning_wire", chansync::fuzz::FuzzPlanningWire)
