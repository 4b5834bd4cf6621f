#include "chansync/fias/record.h"

#include <algorithm>

namespace chansync::fias {

std::optional<std::string_view> Record::Get(std::string_view id) const {
  auto found = std::find_if(fields_.begin(), fields_.end(),
                            [id](const Field& field) { return field.id == id; });
  if (found == fields_.end()) return std::nullopt;
  return std::string_view(found->value);
}

std::string_view Record::GetOr(std::string_view id, std::string_view fallback) const {
  return Get(id).value_or(fallback);
}

Record& Record::Set(std::string id, std::string value) {
  auto found = std::find_if(fields_.begin(), fields_.end(),
                            [&id](const Field& field) { return field.id == id; });
  if (found != fields_.end()) {
    found->value = std::move(value);
    return *this;
  }
  return Append(std::move(id), std::move(value));
}

Record& Record::Append(std::string id, std::string value) {
  fields_.push_back({std::move(id), std::move(value)});
  return *this;
}

}  // namespace chansync::fias
