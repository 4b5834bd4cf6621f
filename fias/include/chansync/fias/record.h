#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chansync::fias {

// One field of a record: its 2-character id ("RN", "P#", "T1") and its value, as text.
struct Field {
  std::string id;
  std::string value;

  friend bool operator==(const Field&, const Field&) = default;
};

// A FIAS record: a 2-letter record id ("PS", "LS", "GI") and its fields, in the order they came
// or were set. Unknown fields are kept and simply never read; field order carries no meaning.
class Record {
 public:
  Record() = default;
  explicit Record(std::string type) : type_(std::move(type)) {}

  const std::string& type() const { return type_; }
  const std::vector<Field>& fields() const { return fields_; }

  // The value of the first field `id`; nullopt when the record has none.
  std::optional<std::string_view> Get(std::string_view id) const;
  // The value of field `id`, or "" when absent.
  std::string_view GetOr(std::string_view id, std::string_view fallback = {}) const;
  bool Has(std::string_view id) const { return Get(id).has_value(); }

  // Sets field `id` (replacing its first occurrence, else appending); returns *this so a record
  // is written as Record("PS").Set("RN", "101").Set("TA", "1050").
  Record& Set(std::string id, std::string value);
  // Appends a field even when one of that id is present (the field list of an LR repeats none,
  // but a trace may).
  Record& Append(std::string id, std::string value);

  friend bool operator==(const Record&, const Record&) = default;

 private:
  std::string type_;
  std::vector<Field> fields_;
};

}  // namespace chansync::fias
