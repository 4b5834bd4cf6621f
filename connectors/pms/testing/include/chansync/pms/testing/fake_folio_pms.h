#pragma once

#include <atomic>
#include <cstdint>

#include "chansync/pms/folio_book.h"
#include "chansync/postings/folio_pms.h"

namespace chansync::pms::testing {

// The FolioPms twin: serves a FolioBook, as pmssim does, and fails as CurlFolioClient would for
// the same answers. While down every call fails with PMS_UNAVAILABLE and changes nothing.
//
// Thread-safe.
class FakeFolioPms final : public postings::FolioPms {
 public:
  // Setup and inspection: load properties, check guests in and out, read folios.
  FolioBook& book() { return book_; }
  void SetDown(bool down) { down_.store(down); }
  // Postings sent, through Post or PostMany, failed ones included.
  int64_t posts() const { return posts_.load(); }

  core::Result<std::vector<postings::InHouseStay>> SearchStays(
      const core::PropertyId& property, const std::string& search,
      const postings::FolioCallOptions& call = {}) override;
  core::Result<postings::InHouseStay> GetStay(const core::PropertyId& property,
                                              const std::string& stay_id,
                                              const postings::FolioCallOptions& call = {}) override;
  core::Result<std::vector<postings::Folio>> ListFolios(
      const core::PropertyId& property, const postings::FolioCallOptions& call = {}) override;
  core::Result<core::CivilDate> BusinessDate(const core::PropertyId& property,
                                             const postings::FolioCallOptions& call = {}) override;
  core::Result<postings::PmsPostingReceipt> Post(
      const postings::PmsPostingRequest& request,
      const postings::FolioCallOptions& call = {}) override;
  // One Post after the other.
  std::vector<core::Result<postings::PmsPostingReceipt>> PostMany(
      const std::vector<postings::PmsPostingRequest>& requests, size_t max_in_flight,
      const postings::FolioCallOptions& call = {}) override;
  core::Status PostRevenueSummary(const core::PropertyId& property,
                                  const postings::RevenueSummary& summary,
                                  const postings::FolioCallOptions& call = {}) override;

 private:
  core::Status Reachable() const;

  FolioBook book_;
  std::atomic<bool> down_{false};
  std::atomic<int64_t> posts_{0};
};

}  // namespace chansync::pms::testing
