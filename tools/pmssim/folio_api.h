#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chansync/pms/folio_book.h"
#include "chansync/tools/sim_http.h"

namespace chansync::pmssim {

// The folio side of the simulator's HTTP API (docs/pms-api.md, "Folios and postings") and its
// admin endpoints, over a FolioBook. SimApi hands it the paths it owns after auth and faults.
// Thread-safe.
class FolioApi {
 public:
  explicit FolioApi(pms::FolioBook& book) : book_(book) {}

  // Whether `parts` (the path after /v1/properties/{p}/) is one of this API's.
  static bool Owns(const std::vector<std::string_view>& parts);
  tools::SimResponse Handle(const tools::SimRequest& request, const std::string& property,
                            const std::vector<std::string_view>& parts);

  // Whether `parts` (the path after /admin/properties/{p}/) is one of this API's admin paths.
  static bool OwnsAdmin(const std::vector<std::string_view>& parts);
  tools::SimResponse HandleAdmin(const tools::SimRequest& request, const std::string& property,
                                 const std::vector<std::string_view>& parts);

  // The folio counters for /admin/stats, as "name": value pairs.
  std::vector<std::pair<const char*, int64_t>> Stats() const;

 private:
  tools::SimResponse Post(const tools::SimRequest& request, const std::string& property);

  pms::FolioBook& book_;
};

}  // namespace chansync::pmssim
