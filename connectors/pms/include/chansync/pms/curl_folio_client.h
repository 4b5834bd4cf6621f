#pragma once

#include <memory>

#include "chansync/core/error.h"
#include "chansync/pms/curl_pms_client.h"
#include "chansync/postings/folio_pms.h"

namespace chansync::pms {

// The FolioPms port over the PMS's HTTP/JSON contract (docs/pms-api.md, "Folios and postings")
// with libcurl, for one PMS base URL. It takes the reservation client's options and goes through
// the same machinery: kept-alive curl handles, the same retries of transient failures within the
// call's deadline, and PostMany over a kept curl multi handle. Every call is safe to retry: reads
// are GETs, postings and summaries carry their idempotency key.
//
// Errors, besides those of FolioPms:
//   INVALID_ARGUMENT     a posting or summary without an idempotency key (nothing is sent)
//   STAY_NOT_CHARGEABLE  409 NOT_CHARGEABLE
//   NOT_FOUND            GetStay of a stay the PMS does not know (404)
//
// Thread-safe.
class CurlFolioClient final : public postings::FolioPms {
 public:
  // INVALID_ARGUMENT as CurlPmsClient::Make.
  static core::Result<std::unique_ptr<CurlFolioClient>> Make(CurlPmsClientOptions options);
  ~CurlFolioClient() override;
  CurlFolioClient(const CurlFolioClient&) = delete;
  CurlFolioClient& operator=(const CurlFolioClient&) = delete;

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
  std::vector<core::Result<postings::PmsPostingReceipt>> PostMany(
      const std::vector<postings::PmsPostingRequest>& requests, size_t max_in_flight,
      const postings::FolioCallOptions& call = {}) override;
  core::Status PostRevenueSummary(const core::PropertyId& property,
                                  const postings::RevenueSummary& summary,
                                  const postings::FolioCallOptions& call = {}) override;

 private:
  struct Impl;
  explicit CurlFolioClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace chansync::pms
