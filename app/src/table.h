#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace chansync::app {

// A plain-text table for humans: a header row, aligned columns, two spaces between them.
class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void Print(std::ostream& out) const;
  size_t size() const { return rows_.size(); }

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace chansync::app
