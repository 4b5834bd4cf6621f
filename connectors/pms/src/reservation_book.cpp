#include "chansync/pms/reservation_book.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <limits>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "chansync/core/money.h"
#include "chansync/pms/json_wire.h"

namespace chansync::pms {
namespace {

using core::ErrorCode;
using core::Fail;

constexpr size_t kMaxKeyLength = 256;
constexpr size_t kMaxTextLength = 256;
constexpr int64_t kMaxStayNights = 365;
constexpr int kMaxOptionQuantity = 999;
constexpr uint32_t kFirstNumber = 100000;
constexpr uint32_t kLastNumber = 999999;

// "riviera" -> "RIV": the letters that end every reservation number of the property.
std::string NumberSuffix(const core::PropertyId& property) {
  std::string suffix;
  for (char c : property) {
    if (suffix.size() == 3) break;
    if (c >= 'a' && c <= 'z') suffix += static_cast<char>(c - 'a' + 'A');
    if (c >= 'A' && c <= 'Z') suffix += c;
  }
  while (suffix.size() < 3) suffix += 'X';
  return suffix;
}

core::Status ValidateText(std::string_view field, std::string_view value) {
  if (value.empty()) return Fail(ErrorCode::kInvalidArgument, std::string(field) + " is required");
  if (value.size() > kMaxTextLength) {
    return Fail(ErrorCode::kInvalidArgument, std::string(field) + " is too long");
  }
  return core::Ok();
}

}  // namespace

struct ReservationBook::PropertyState {
  struct Replay {
    std::string fingerprint;
    PmsReservation answer;
  };

  std::mutex mutex;
  std::string name;
  std::string suffix;
  std::vector<core::PmsProduct> products;
  std::unordered_map<core::PmsProductId, size_t> product_index;
  // booked[product index][day since epoch] = units taken by confirmed reservations.
  std::vector<std::unordered_map<int64_t, int>> booked;
  std::vector<core::PmsOption> options;
  std::unordered_set<core::PmsOptionId> option_ids;
  std::map<std::string, PmsReservation> reservations;
  // Reservation ids by "<channel>/<channel reservation id>", in the order they were made.
  std::unordered_map<std::string, std::vector<std::string>> by_channel_reservation;
  std::unordered_map<std::string, Replay> replays;
  uint32_t next_number = kFirstNumber;

  const size_t* ProductIndex(const core::PmsProductId& product) const {
    auto it = product_index.find(product);
    return it == product_index.end() ? nullptr : &it->second;
  }

  // Units left on the fullest night of the stay; negative when a night is overbooked.
  int MinFree(size_t product, const core::Stay& stay) const {
    int min_free = std::numeric_limits<int>::max();
    const int units = products[product].units;
    const auto& nights = booked[product];
    const int64_t last = stay.departure.DaysSinceEpoch();
    for (int64_t day = stay.arrival.DaysSinceEpoch(); day < last; ++day) {
      auto it = nights.find(day);
      min_free = std::min(min_free, units - (it == nights.end() ? 0 : it->second));
    }
    return min_free;
  }

  void Take(size_t product, const core::Stay& stay, int delta) {
    auto& nights = booked[product];
    const int64_t last = stay.departure.DaysSinceEpoch();
    for (int64_t day = stay.arrival.DaysSinceEpoch(); day < last; ++day) {
      int& taken = nights[day];
      taken += delta;
      if (taken == 0) nights.erase(day);
    }
  }

  core::Status ValidateBooking(const core::PmsProductId& product,
                               const std::vector<OptionQuantity>& lines, const core::Stay& stay,
                               const std::string& guest_name, const core::Money& price) const {
    if (ProductIndex(product) == nullptr) {
      return Fail(ErrorCode::kInvalidArgument, "unknown product \"" + product + "\"");
    }
    std::unordered_set<std::string_view> seen;
    for (const auto& line : lines) {
      if (!option_ids.contains(line.option)) {
        return Fail(ErrorCode::kInvalidArgument, "unknown option \"" + line.option + "\"");
      }
      if (!seen.insert(line.option).second) {
        return Fail(ErrorCode::kInvalidArgument, "option \"" + line.option + "\" listed twice");
      }
      if (line.quantity < 1 || line.quantity > kMaxOptionQuantity) {
        return Fail(ErrorCode::kInvalidArgument, "quantity of option \"" + line.option +
                                                     "\" must be 1.." +
                                                     std::to_string(kMaxOptionQuantity));
      }
    }
    if (stay.Nights() < 1 || stay.Nights() > kMaxStayNights) {
      return Fail(ErrorCode::kInvalidArgument,
                  "stay must last 1.." + std::to_string(kMaxStayNights) + " nights");
    }
    RETURN_IF_ERROR(ValidateText("guest_name", guest_name));
    if (!core::IsCurrencyCode(price.currency)) {
      return Fail(ErrorCode::kInvalidArgument, "price.currency must be an ISO 4217 code");
    }
    if (price.minor_units < 0) {
      return Fail(ErrorCode::kInvalidArgument, "price.amount must not be negative");
    }
    return core::Ok();
  }

  static std::string ChannelKey(const core::ChannelId& channel,
                                const std::string& channel_reservation_id) {
    return channel + "/" + channel_reservation_id;
  }

  void Insert(PmsReservation reservation) {
    by_channel_reservation[ChannelKey(reservation.channel, reservation.channel_reservation_id)]
        .push_back(reservation.id);
    std::string id = reservation.id;
    reservations.emplace(std::move(id), std::move(reservation));
  }

  core::Result<std::string> NewReservationId() {
    for (uint32_t tries = 0; tries <= kLastNumber - kFirstNumber; ++tries) {
      char digits[8];
      std::snprintf(digits, sizeof digits, "%06u", next_number);
      next_number = next_number == kLastNumber ? kFirstNumber : next_number + 1;
      std::string id = digits + suffix;
      if (!reservations.contains(id)) return id;
    }
    return Fail(ErrorCode::kInternal, "no reservation number left for this property");
  }
};

ReservationBook::ReservationBook() = default;
ReservationBook::~ReservationBook() = default;

ReservationBook::PropertyState* ReservationBook::Find(const core::PropertyId& property) const {
  std::shared_lock lock(properties_mutex_);
  auto it = properties_.find(property);
  return it == properties_.end() ? nullptr : it->second.get();
}

namespace {
core::Error UnknownProperty(const core::PropertyId& property) {
  return {ErrorCode::kNotFound, "unknown property \"" + property + "\""};
}
}  // namespace

core::Status ReservationBook::AddProperty(PropertyData data) {
  RETURN_IF_ERROR(core::ValidateId("property id", data.id));
  RETURN_IF_ERROR(core::ValidatePmsCatalog({data.products, data.options}));
  auto state = std::make_unique<PropertyState>();
  state->name = data.name;
  state->suffix = NumberSuffix(data.id);
  // Numbers start at a point derived from the property so two properties rarely share one.
  state->next_number = kFirstNumber + static_cast<uint32_t>(std::hash<std::string>{}(data.id) %
                                                            (kLastNumber - kFirstNumber + 1));
  for (auto& product : data.products) {
    if (product.units < 0) {
      return Fail(ErrorCode::kInvalidArgument,
                  "units of product \"" + product.id + "\" must not be negative");
    }
    state->product_index.emplace(product.id, state->products.size());
    state->products.push_back(std::move(product));
    state->booked.emplace_back();
  }
  for (auto& option : data.options) {
    state->option_ids.insert(option.id);
    state->options.push_back(std::move(option));
  }
  for (auto& r : data.reservations) {
    RETURN_IF_ERROR(ValidateText("reservation id", r.id));
    if (auto ok = state->ValidateBooking(r.product, r.options, r.stay, r.guest_name, r.price);
        !ok) {
      return Fail(ErrorCode::kInvalidArgument, "reservation " + r.id + ": " + ok.error().message);
    }
    if (state->reservations.contains(r.id)) {
      return Fail(ErrorCode::kInvalidArgument, "reservation " + r.id + " listed twice");
    }
    if (r.status == PmsReservationStatus::kConfirmed) {
      const size_t product = *state->ProductIndex(r.product);
      r.overbooked = r.overbooked || state->MinFree(product, r.stay) < 1;
      state->Take(product, r.stay, 1);
    }
    state->Insert(std::move(r));
  }
  std::unique_lock lock(properties_mutex_);
  if (properties_.contains(data.id)) {
    return Fail(ErrorCode::kAlreadyExists, "property \"" + data.id + "\" is already loaded");
  }
  properties_.emplace(data.id, std::move(state));
  return core::Ok();
}

std::vector<core::PropertyId> ReservationBook::Properties() const {
  std::shared_lock lock(properties_mutex_);
  std::vector<core::PropertyId> ids;
  for (const auto& [id, state] : properties_) ids.push_back(id);
  return ids;
}

core::Result<std::vector<core::PmsProduct>> ReservationBook::Products(
    const core::PropertyId& property) const {
  auto* state = Find(property);
  if (state == nullptr) return std::unexpected(UnknownProperty(property));
  std::lock_guard lock(state->mutex);
  return state->products;
}

core::Result<std::vector<core::PmsOption>> ReservationBook::Options(
    const core::PropertyId& property) const {
  auto* state = Find(property);
  if (state == nullptr) return std::unexpected(UnknownProperty(property));
  std::lock_guard lock(state->mutex);
  return state->options;
}

core::Result<std::vector<ProductAvailability>> ReservationBook::Availability(
    const core::PropertyId& property, core::CivilDate from, core::CivilDate to) {
  auto* state = Find(property);
  if (state == nullptr) return std::unexpected(UnknownProperty(property));
  const int64_t nights = core::DaysBetween(from, to);
  if (nights < 1 || nights > kMaxAvailabilityNights) {
    counters_.rejected.fetch_add(1, std::memory_order_relaxed);
    return Fail(ErrorCode::kInvalidArgument,
                "to must be 1.." + std::to_string(kMaxAvailabilityNights) + " days after from");
  }
  counters_.availability_queries.fetch_add(1, std::memory_order_relaxed);
  std::lock_guard lock(state->mutex);
  std::vector<ProductAvailability> answer;
  answer.reserve(state->products.size());
  const int64_t first = from.DaysSinceEpoch();
  for (size_t p = 0; p < state->products.size(); ++p) {
    ProductAvailability product{state->products[p].id, {}};
    product.free_units.reserve(nights);
    for (int64_t day = first; day < first + nights; ++day) {
      auto it = state->booked[p].find(day);
      const int taken = it == state->booked[p].end() ? 0 : it->second;
      product.free_units.push_back(std::max(0, state->products[p].units - taken));
    }
    answer.push_back(std::move(product));
  }
  return answer;
}

core::Result<CheckResult> ReservationBook::Check(const core::PropertyId& property,
                                                 const core::PmsProductId& product,
                                                 const core::Stay& stay) {
  auto* state = Find(property);
  if (state == nullptr) return std::unexpected(UnknownProperty(property));
  if (stay.Nights() < 1 || stay.Nights() > kMaxStayNights) {
    counters_.rejected.fetch_add(1, std::memory_order_relaxed);
    return Fail(ErrorCode::kInvalidArgument,
                "stay must last 1.." + std::to_string(kMaxStayNights) + " nights");
  }
  counters_.checks.fetch_add(1, std::memory_order_relaxed);
  std::lock_guard lock(state->mutex);
  const size_t* index = state->ProductIndex(product);
  if (index == nullptr) {
    counters_.rejected.fetch_add(1, std::memory_order_relaxed);
    return Fail(ErrorCode::kInvalidArgument, "unknown product \"" + product + "\"");
  }
  const int left = std::max(0, state->MinFree(*index, stay));
  return CheckResult{left >= 1, left};
}

core::Result<PmsReservation> ReservationBook::Create(const core::PropertyId& property,
                                                     const CreateReservationRequest& request) {
  auto* state = Find(property);
  if (state == nullptr) return std::unexpected(UnknownProperty(property));
  auto reject = [&](core::Error error) -> core::Result<PmsReservation> {
    counters_.rejected.fetch_add(1, std::memory_order_relaxed);
    return std::unexpected(std::move(error));
  };
  if (request.idempotency_key.empty() || request.idempotency_key.size() > kMaxKeyLength) {
    return reject(
        {ErrorCode::kInvalidArgument, "an Idempotency-Key of 1..256 characters is required"});
  }
  if (auto ok = core::ValidateId("channel", request.channel); !ok) return reject(ok.error());
  if (auto ok = ValidateText("channel_reservation_id", request.channel_reservation_id); !ok) {
    return reject(ok.error());
  }
  CreateReservationRequest keyless = request;
  keyless.idempotency_key.clear();
  std::string fingerprint = "create:" + wire::EncodeCreateRequest(keyless);

  std::lock_guard lock(state->mutex);
  const std::string replay_key = "create:" + request.idempotency_key;
  if (auto it = state->replays.find(replay_key); it != state->replays.end()) {
    if (it->second.fingerprint != fingerprint) {
      return reject(
          {ErrorCode::kAlreadyExists, "Idempotency-Key was already used with a different request"});
    }
    counters_.create_replays.fetch_add(1, std::memory_order_relaxed);
    return it->second.answer;
  }
  if (auto ok = state->ValidateBooking(request.product, request.options, request.stay,
                                       request.guest_name, request.price);
      !ok) {
    return reject(ok.error());
  }
  const size_t product = *state->ProductIndex(request.product);
  const int min_free = state->MinFree(product, request.stay);
  if (min_free < 1 && !request.allow_overbooking) {
    counters_.no_availability.fetch_add(1, std::memory_order_relaxed);
    return Fail(ErrorCode::kNoAvailability,
                "no free unit of \"" + request.product + "\" on every night from " +
                    request.stay.arrival.ToString() + " to " + request.stay.departure.ToString());
  }
  ASSIGN_OR_RETURN(auto id, state->NewReservationId());
  PmsReservation reservation{id,
                             request.channel,
                             request.channel_reservation_id,
                             request.product,
                             request.options,
                             request.stay,
                             request.guest_name,
                             request.price,
                             min_free < 1,
                             PmsReservationStatus::kConfirmed,
                             request.idempotency_key,
                             request.payment_failed};
  state->Take(product, request.stay, 1);
  state->Insert(reservation);
  state->replays.emplace(replay_key, PropertyState::Replay{std::move(fingerprint), reservation});
  counters_.creates.fetch_add(1, std::memory_order_relaxed);
  if (reservation.overbooked) counters_.overbookings.fetch_add(1, std::memory_order_relaxed);
  return reservation;
}

core::Result<PmsReservation> ReservationBook::Modify(const core::PropertyId& property,
                                                     const ModifyReservationRequest& request) {
  auto* state = Find(property);
  if (state == nullptr) return std::unexpected(UnknownProperty(property));
  auto reject = [&](core::Error error) -> core::Result<PmsReservation> {
    counters_.rejected.fetch_add(1, std::memory_order_relaxed);
    return std::unexpected(std::move(error));
  };
  if (request.idempotency_key.empty() || request.idempotency_key.size() > kMaxKeyLength) {
    return reject(
        {ErrorCode::kInvalidArgument, "an Idempotency-Key of 1..256 characters is required"});
  }
  ModifyReservationRequest keyless = request;
  keyless.idempotency_key.clear();
  std::string fingerprint =
      "modify:" + request.pms_reservation_id + ":" + wire::EncodeModifyRequest(keyless);

  std::lock_guard lock(state->mutex);
  const std::string replay_key = "modify:" + request.idempotency_key;
  if (auto it = state->replays.find(replay_key); it != state->replays.end()) {
    if (it->second.fingerprint != fingerprint) {
      return reject(
          {ErrorCode::kAlreadyExists, "Idempotency-Key was already used with a different request"});
    }
    return it->second.answer;
  }
  auto found = state->reservations.find(request.pms_reservation_id);
  if (found == state->reservations.end()) {
    return reject(
        {ErrorCode::kNotFound, "unknown reservation \"" + request.pms_reservation_id + "\""});
  }
  PmsReservation& reservation = found->second;
  if (reservation.status == PmsReservationStatus::kCancelled) {
    return reject({ErrorCode::kConflict,
                   "reservation " + reservation.id + " is cancelled and cannot be modified"});
  }
  if (auto ok = state->ValidateBooking(request.product, request.options, request.stay,
                                       request.guest_name, request.price);
      !ok) {
    return reject(ok.error());
  }
  const size_t old_product = *state->ProductIndex(reservation.product);
  const size_t new_product = *state->ProductIndex(request.product);
  state->Take(old_product, reservation.stay, -1);
  const int min_free = state->MinFree(new_product, request.stay);
  if (min_free < 1 && !request.allow_overbooking) {
    state->Take(old_product, reservation.stay, 1);
    counters_.no_availability.fetch_add(1, std::memory_order_relaxed);
    return Fail(ErrorCode::kNoAvailability,
                "no free unit of \"" + request.product + "\" on every night from " +
                    request.stay.arrival.ToString() + " to " + request.stay.departure.ToString());
  }
  state->Take(new_product, request.stay, 1);
  reservation.product = request.product;
  reservation.options = request.options;
  reservation.stay = request.stay;
  reservation.guest_name = request.guest_name;
  reservation.price = request.price;
  reservation.overbooked = min_free < 1;
  reservation.last_idempotency_key = request.idempotency_key;
  reservation.payment_failed = request.payment_failed;
  state->replays.emplace(replay_key, PropertyState::Replay{std::move(fingerprint), reservation});
  counters_.modifies.fetch_add(1, std::memory_order_relaxed);
  if (reservation.overbooked) counters_.overbookings.fetch_add(1, std::memory_order_relaxed);
  return reservation;
}

core::Result<PmsReservation> ReservationBook::Cancel(const core::PropertyId& property,
                                                     const std::string& reservation_id) {
  auto* state = Find(property);
  if (state == nullptr) return std::unexpected(UnknownProperty(property));
  std::lock_guard lock(state->mutex);
  auto found = state->reservations.find(reservation_id);
  if (found == state->reservations.end()) {
    counters_.rejected.fetch_add(1, std::memory_order_relaxed);
    return Fail(ErrorCode::kNotFound, "unknown reservation \"" + reservation_id + "\"");
  }
  PmsReservation& reservation = found->second;
  if (reservation.status == PmsReservationStatus::kConfirmed) {
    state->Take(*state->ProductIndex(reservation.product), reservation.stay, -1);
    reservation.status = PmsReservationStatus::kCancelled;
    counters_.cancels.fetch_add(1, std::memory_order_relaxed);
  }
  return reservation;
}

core::Result<PmsReservation> ReservationBook::Get(const core::PropertyId& property,
                                                  const std::string& reservation_id) const {
  auto* state = Find(property);
  if (state == nullptr) return std::unexpected(UnknownProperty(property));
  std::lock_guard lock(state->mutex);
  auto found = state->reservations.find(reservation_id);
  if (found == state->reservations.end()) {
    return Fail(ErrorCode::kNotFound, "unknown reservation \"" + reservation_id + "\"");
  }
  return found->second;
}

core::Result<std::vector<PmsReservation>> ReservationBook::FindChannelReservation(
    const core::PropertyId& property, const core::ChannelId& channel,
    const std::string& channel_reservation_id) const {
  auto* state = Find(property);
  if (state == nullptr) return std::unexpected(UnknownProperty(property));
  std::lock_guard lock(state->mutex);
  std::vector<PmsReservation> found;
  auto ids = state->by_channel_reservation.find(
      PropertyState::ChannelKey(channel, channel_reservation_id));
  if (ids == state->by_channel_reservation.end()) return found;
  for (const std::string& id : ids->second) found.push_back(state->reservations.at(id));
  return found;
}

core::Result<std::vector<PmsReservation>> ReservationBook::List(
    const core::PropertyId& property) const {
  auto* state = Find(property);
  if (state == nullptr) return std::unexpected(UnknownProperty(property));
  std::lock_guard lock(state->mutex);
  std::vector<PmsReservation> all;
  all.reserve(state->reservations.size());
  for (const auto& [id, reservation] : state->reservations) all.push_back(reservation);
  return all;
}

core::Status ReservationBook::SetProductUnits(const core::PropertyId& property,
                                              const core::PmsProductId& product, int units,
                                              const std::string& name) {
  auto* state = Find(property);
  if (state == nullptr) return std::unexpected(UnknownProperty(property));
  if (units < 0) return Fail(ErrorCode::kInvalidArgument, "units must not be negative");
  RETURN_IF_ERROR(core::ValidateId("product id", product));
  std::lock_guard lock(state->mutex);
  if (const size_t* index = state->ProductIndex(product)) {
    state->products[*index].units = units;
    if (!name.empty()) state->products[*index].name = name;
    return core::Ok();
  }
  if (name.empty()) {
    return Fail(ErrorCode::kNotFound,
                "unknown product \"" + product + "\" (give a name to add it)");
  }
  state->product_index.emplace(product, state->products.size());
  state->products.push_back({product, name, units});
  state->booked.emplace_back();
  return core::Ok();
}

ReservationBook::Stats ReservationBook::stats() const {
  auto get = [](const std::atomic<int64_t>& counter) {
    return counter.load(std::memory_order_relaxed);
  };
  return Stats{get(counters_.creates),      get(counters_.create_replays),
               get(counters_.overbookings), get(counters_.no_availability),
               get(counters_.modifies),     get(counters_.cancels),
               get(counters_.checks),       get(counters_.availability_queries),
               get(counters_.rejected)};
}

}  // namespace chansync::pms
