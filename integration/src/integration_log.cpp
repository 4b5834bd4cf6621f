#include "chansync/integration/integration_log.h"

#include <absl/time/time.h>

#include <array>
#include <utility>

namespace chansync::integration {
namespace {

constexpr std::array<std::pair<IntegrationStatus, std::string_view>, 4> kStatusNames{{
    {IntegrationStatus::kPending, "pending"},
    {IntegrationStatus::kIntegrated, "integrated"},
    {IntegrationStatus::kFailed, "failed"},
    {IntegrationStatus::kNotIntegrated, "not_integrated"},
}};

}  // namespace

std::string_view IntegrationStatusName(IntegrationStatus status) {
  for (const auto& [s, name] : kStatusNames) {
    if (s == status) return name;
  }
  return "pending";
}

core::Result<IntegrationStatus> ParseIntegrationStatus(std::string_view text) {
  for (const auto& [s, name] : kStatusNames) {
    if (name == text) return s;
  }
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    "unknown integration status \"" + std::string(text) +
                        "\"; expected pending, integrated, failed or not_integrated");
}

core::Result<IntegrationKey> ParseIntegrationId(std::string_view id) {
  const size_t first = id.find('/');
  const size_t second = first == std::string_view::npos ? first : id.find('/', first + 1);
  auto malformed = [&] {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "integration id \"" + std::string(id) +
                          "\" is malformed; expected PROPERTY/CHANNEL/CHANNEL_RESERVATION_ID");
  };
  if (second == std::string_view::npos || id.find('/', second + 1) != std::string_view::npos) {
    return malformed();
  }
  IntegrationKey key{std::string(id.substr(0, first)),
                     std::string(id.substr(first + 1, second - first - 1)),
                     std::string(id.substr(second + 1))};
  // Parts become Redis key parts: hold them to the identifier rules.
  if (!core::ValidateId("property", key.property) || !core::ValidateId("channel", key.channel) ||
      !core::ValidateId("channel_reservation_id", key.channel_reservation_id)) {
    return malformed();
  }
  return key;
}

bool MatchesOutcome(const IntegrationRecord& record, OutcomeFilter filter) {
  switch (filter) {
    case OutcomeFilter::kAll:
      return true;
    case OutcomeFilter::kSucceeded:
      return record.status == IntegrationStatus::kIntegrated;
    case OutcomeFilter::kFailed:
      return record.status == IntegrationStatus::kFailed ||
             record.status == IntegrationStatus::kNotIntegrated ||
             (record.status == IntegrationStatus::kPending && record.error &&
              record.error->code == core::ErrorCode::kAwaitingOperator);
  }
  return false;
}

core::Result<core::YearMonth> SaleMonthOf(core::Timestamp sold_at, std::string_view timezone) {
  absl::TimeZone zone;
  if (timezone.empty() || !absl::LoadTimeZone(std::string(timezone), &zone)) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "unknown timezone \"" + std::string(timezone) + "\"; expected an IANA name");
  }
  const absl::CivilDay day = absl::ToCivilDay(absl::FromChrono(sold_at), zone);
  return core::YearMonth{static_cast<int>(day.year()), day.month()};
}

std::vector<core::YearMonth> StayMonthsOf(const core::Stay& stay) {
  std::vector<core::YearMonth> months;
  if (stay.departure <= stay.arrival) return months;
  const core::YearMonth last = core::YearMonth::Of(stay.departure.AddDays(-1));
  for (core::YearMonth m = core::YearMonth::Of(stay.arrival); m <= last;) {
    months.push_back(m);
    m = m.month == 12 ? core::YearMonth{m.year + 1, 1} : core::YearMonth{m.year, m.month + 1};
  }
  return months;
}

}  // namespace chansync::integration
