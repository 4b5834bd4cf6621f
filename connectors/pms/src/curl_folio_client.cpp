#include "chansync/pms/curl_folio_client.h"

#include "chansync/pms/folio_wire.h"
#include "curl_call.h"
#include "curl_exchange.h"

namespace chansync::pms {
namespace {

using core::ErrorCode;
using core::Fail;
using curl::Escape;
using curl::Exchange;
using curl::Method;
using postings::FolioCallOptions;

std::string PropertyPath(const core::PropertyId& property) {
  return "/v1/properties/" + Escape(property);
}

CallOptions CurlCall(const FolioCallOptions& call) { return CallOptions{call.deadline}; }

// An unreadable 2xx body means the PMS misbehaves: PMS_UNAVAILABLE, retried like an outage.
template <typename T>
core::Result<T> Decoded(const Exchange& exchange, core::Result<T> decoded) {
  if (decoded) return decoded;
  return Fail(ErrorCode::kPmsUnavailable, std::string("PMS sent an unreadable answer to ") +
                                              curl::MethodName(exchange.method) + " " +
                                              exchange.path + ": " + decoded.error().message);
}

core::Result<Exchange> PostingExchange(const postings::PmsPostingRequest& request) {
  if (request.idempotency_key.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "a PMS posting needs an idempotency key");
  }
  return Exchange{.method = Method::kPost,
                  .path = PropertyPath(request.posting.property) + "/postings",
                  .body = wire::EncodePostingRequest(request),
                  .idempotency_key = request.idempotency_key};
}

}  // namespace

struct CurlFolioClient::Impl : curl::Transport {
  using Transport::Transport;
};

core::Result<std::unique_ptr<CurlFolioClient>> CurlFolioClient::Make(CurlPmsClientOptions options) {
  ASSIGN_OR_RETURN(auto settings, curl::MakeSettings(std::move(options)));
  return std::unique_ptr<CurlFolioClient>(
      new CurlFolioClient(std::make_unique<Impl>(std::move(settings))));
}

CurlFolioClient::CurlFolioClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CurlFolioClient::~CurlFolioClient() = default;

core::Result<std::vector<postings::InHouseStay>> CurlFolioClient::SearchStays(
    const core::PropertyId& property, const std::string& search, const FolioCallOptions& call) {
  const Exchange exchange{.path = PropertyPath(property) + "/stays?search=" + Escape(search)};
  ASSIGN_OR_RETURN(auto body, impl_->Call(exchange, CurlCall(call)));
  return Decoded(exchange, wire::DecodeStays(body));
}

core::Result<postings::InHouseStay> CurlFolioClient::GetStay(const core::PropertyId& property,
                                                             const std::string& stay_id,
                                                             const FolioCallOptions& call) {
  const Exchange exchange{.path = PropertyPath(property) + "/stays/" + Escape(stay_id),
                          .not_found_is_not_found = true};
  ASSIGN_OR_RETURN(auto body, impl_->Call(exchange, CurlCall(call)));
  return Decoded(exchange, wire::DecodeStay(body));
}

core::Result<std::vector<postings::Folio>> CurlFolioClient::ListFolios(
    const core::PropertyId& property, const FolioCallOptions& call) {
  const Exchange exchange{.path = PropertyPath(property) + "/folios"};
  ASSIGN_OR_RETURN(auto body, impl_->Call(exchange, CurlCall(call)));
  return Decoded(exchange, wire::DecodeFolios(body));
}

core::Result<core::CivilDate> CurlFolioClient::BusinessDate(const core::PropertyId& property,
                                                            const FolioCallOptions& call) {
  const Exchange exchange{.path = PropertyPath(property) + "/business-date"};
  ASSIGN_OR_RETURN(auto body, impl_->Call(exchange, CurlCall(call)));
  return Decoded(exchange, wire::DecodeBusinessDate(body));
}

core::Result<postings::PmsPostingReceipt> CurlFolioClient::Post(
    const postings::PmsPostingRequest& request, const FolioCallOptions& call) {
  ASSIGN_OR_RETURN(const Exchange exchange, PostingExchange(request));
  ASSIGN_OR_RETURN(auto body, impl_->Call(exchange, CurlCall(call)));
  return Decoded(exchange, wire::DecodePostingReceipt(body));
}

std::vector<core::Result<postings::PmsPostingReceipt>> CurlFolioClient::PostMany(
    const std::vector<postings::PmsPostingRequest>& requests, size_t max_in_flight,
    const FolioCallOptions& call) {
  std::vector<core::Result<postings::PmsPostingReceipt>> results(requests.size());
  std::vector<Exchange> exchanges;
  std::vector<size_t> sent;  // index in `requests` of each exchange
  for (size_t i = 0; i < requests.size(); ++i) {
    auto exchange = PostingExchange(requests[i]);
    if (!exchange) {
      results[i] = std::unexpected(std::move(exchange.error()));
      continue;
    }
    exchanges.push_back(std::move(*exchange));
    sent.push_back(i);
  }
  if (exchanges.empty()) return results;
  auto bodies = impl_->CallMany(exchanges, max_in_flight, CurlCall(call));
  for (size_t k = 0; k < sent.size(); ++k) {
    if (!bodies[k]) {
      results[sent[k]] = std::unexpected(std::move(bodies[k].error()));
      continue;
    }
    results[sent[k]] = Decoded(exchanges[k], wire::DecodePostingReceipt(*bodies[k]));
  }
  return results;
}

core::Status CurlFolioClient::PostRevenueSummary(const core::PropertyId& property,
                                                 const postings::RevenueSummary& summary,
                                                 const FolioCallOptions& call) {
  if (summary.idempotency_key.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "a PMS revenue summary needs an idempotency key");
  }
  const Exchange exchange{.method = Method::kPost,
                          .path = PropertyPath(property) + "/revenue-summaries",
                          .body = wire::EncodeRevenueSummary(summary),
                          .idempotency_key = summary.idempotency_key};
  RETURN_IF_ERROR(impl_->Call(exchange, CurlCall(call)));
  return core::Ok();
}

}  // namespace chansync::pms
