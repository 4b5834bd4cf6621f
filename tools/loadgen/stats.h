#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace chansync::loadgen {

// The q-quantile (0..1) of `samples` by nearest rank; sorts them. 0 when empty.
double Quantile(std::vector<double>& samples, double q);

// Seconds since `start`, as a double.
double SecondsSince(std::chrono::steady_clock::time_point start);

// One flat JSON object of results, printed on one line: what every subcommand outputs.
class JsonLine {
 public:
  explicit JsonLine(std::string benchmark);
  JsonLine& Number(const std::string& key, double value);
  JsonLine& Text(const std::string& key, const std::string& value);
  // Writes the line to stdout and flushes.
  void Print() const;

 private:
  std::vector<std::pair<std::string, std::string>> fields_;  // key, encoded JSON value
};

}  // namespace chansync::loadgen
