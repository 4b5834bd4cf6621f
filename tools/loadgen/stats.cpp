#include "stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace chansync::loadgen {

double Quantile(std::vector<double>& samples, double q) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  auto rank = static_cast<size_t>(std::ceil(q * static_cast<double>(samples.size())));
  return samples[std::clamp<size_t>(rank, 1, samples.size()) - 1];
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

JsonLine::JsonLine(std::string benchmark) { Text("benchmark", benchmark); }

JsonLine& JsonLine::Number(const std::string& key, double value) {
  char buffer[64];
  if (!std::isfinite(value)) value = 0;
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  fields_.emplace_back(key, buffer);
  return *this;
}

JsonLine& JsonLine::Text(const std::string& key, const std::string& value) {
  std::string encoded = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') encoded += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      encoded += ' ';
      continue;
    }
    encoded += c;
  }
  fields_.emplace_back(key, encoded + "\"");
  return *this;
}

void JsonLine::Print() const {
  std::string line = "{";
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i > 0) line += ",";
    line += "\"" + fields_[i].first + "\":" + fields_[i].second;
  }
  line += "}\n";
  std::fputs(line.c_str(), stdout);
  std::fflush(stdout);
}

}  // namespace chansync::loadgen
