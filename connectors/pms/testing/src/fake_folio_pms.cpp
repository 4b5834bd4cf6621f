#include "chansync/pms/testing/fake_folio_pms.h"

#include "client_view.h"

namespace chansync::pms::testing {

using postings::FolioCallOptions;

core::Status FakeFolioPms::Reachable() const {
  if (!down_.load()) return core::Ok();
  return core::Fail(core::ErrorCode::kPmsUnavailable,
                    "PMS failed (HTTP 503 UNAVAILABLE: PMS is down)");
}

core::Result<std::vector<postings::InHouseStay>> FakeFolioPms::SearchStays(
    const core::PropertyId& property, const std::string& search, const FolioCallOptions&) {
  RETURN_IF_ERROR(Reachable());
  return Seen(book_.SearchStays(property, search));
}

core::Result<postings::InHouseStay> FakeFolioPms::GetStay(const core::PropertyId& property,
                                                          const std::string& stay_id,
                                                          const FolioCallOptions&) {
  RETURN_IF_ERROR(Reachable());
  return Seen(book_.GetStay(property, stay_id), /*not_found_is_not_found=*/true);
}

core::Result<std::vector<postings::Folio>> FakeFolioPms::ListFolios(
    const core::PropertyId& property, const FolioCallOptions&) {
  RETURN_IF_ERROR(Reachable());
  return Seen(book_.Folios(property));
}

core::Result<core::CivilDate> FakeFolioPms::BusinessDate(const core::PropertyId& property,
                                                         const FolioCallOptions&) {
  RETURN_IF_ERROR(Reachable());
  return Seen(book_.BusinessDate(property));
}

core::Result<postings::PmsPostingReceipt> FakeFolioPms::Post(
    const postings::PmsPostingRequest& request, const FolioCallOptions&) {
  posts_.fetch_add(1);
  if (request.idempotency_key.empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "a PMS posting needs an idempotency key");
  }
  RETURN_IF_ERROR(Reachable());
  return Seen(book_.Post(request));
}

std::vector<core::Result<postings::PmsPostingReceipt>> FakeFolioPms::PostMany(
    const std::vector<postings::PmsPostingRequest>& requests, size_t,
    const FolioCallOptions& call) {
  std::vector<core::Result<postings::PmsPostingReceipt>> results;
  results.reserve(requests.size());
  for (const auto& request : requests) results.push_back(Post(request, call));
  return results;
}

core::Status FakeFolioPms::PostRevenueSummary(const core::PropertyId& property,
                                              const postings::RevenueSummary& summary,
                                              const FolioCallOptions&) {
  RETURN_IF_ERROR(Reachable());
  return Seen(book_.PostRevenueSummary(property, summary));
}

}  // namespace chansync::pms::testing
