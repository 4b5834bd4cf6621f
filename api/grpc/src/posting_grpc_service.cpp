#include "call_guard.h"
#include "chansync/api/grpc/grpc_services.h"
#include "chansync/api/grpc/posting_proto.h"
#include "chansync/postings/posting_desk.h"
#include "chansync/v1/postings.grpc.pb.h"
#include "desk_call.h"
#include "status_mapping.h"

namespace chansync::api {
namespace {

class PostingGrpcService final : public v1::PostingService::Service {
 public:
  PostingGrpcService(const CallSecurity& security, postings::PostingDesk* desk)
      : calls_(security, v1::PostingService::service_full_name()), desk_(desk) {}

  grpc::Status SearchGuests(grpc::ServerContext* context, const v1::SearchGuestsRequest* request,
                            v1::SearchGuestsResponse* response) override {
    return Served(*context, "SearchGuests", request->property_id(), [&](auto&) -> grpc::Status {
      auto guests = desk_->SearchGuests(request->property_id(), request->text());
      if (!guests) return ToGrpcStatus(guests.error());
      for (const auto& stay : *guests) *response->add_guests() = GuestToProto(stay);
      return grpc::Status::OK;
    });
  }

  grpc::Status SubmitPosting(grpc::ServerContext* context, const v1::SubmitPostingRequest* request,
                             v1::PostingAcceptance* response) override {
    return Served(*context, "SubmitPosting", request->posting().property_id(),
                  [&](auto&) -> grpc::Status {
                    auto posting = PostingFromProto(request->posting());
                    if (!posting) return ToGrpcStatus(posting.error());
                    auto accepted = desk_->Submit(std::move(*posting));
                    if (!accepted) return ToGrpcStatus(accepted.error());
                    *response = AcceptanceToProto(*accepted);
                    return grpc::Status::OK;
                  });
  }

  grpc::Status SubmitTicket(grpc::ServerContext* context, const v1::SubmitTicketRequest* request,
                            v1::PostingAcceptances* response) override {
    return Served(*context, "SubmitTicket", request->property_id(), [&](auto&) -> grpc::Status {
      auto ticket = TicketFromProto(*request);
      if (!ticket) return ToGrpcStatus(ticket.error());
      auto accepted = desk_->SubmitTicket(*ticket);
      if (!accepted) return ToGrpcStatus(accepted.error());
      *response = AcceptancesToProto(*accepted);
      return grpc::Status::OK;
    });
  }

  grpc::Status VoidPosting(grpc::ServerContext* context, const v1::VoidPostingRequest* request,
                           v1::PostingAcceptance* response) override {
    return Served(*context, "VoidPosting", request->property_id(), [&](auto&) -> grpc::Status {
      auto accepted = desk_->Void(request->property_id(), request->posting_id());
      if (!accepted) return ToGrpcStatus(accepted.error());
      *response = AcceptanceToProto(*accepted);
      return grpc::Status::OK;
    });
  }

  grpc::Status VoidTicket(grpc::ServerContext* context, const v1::VoidTicketRequest* request,
                          v1::PostingAcceptances* response) override {
    return Served(*context, "VoidTicket", request->property_id(), [&](auto&) -> grpc::Status {
      auto accepted =
          desk_->VoidTicket(request->property_id(), request->pos_id(), request->ticket_id());
      if (!accepted) return ToGrpcStatus(accepted.error());
      *response = AcceptancesToProto(*accepted);
      return grpc::Status::OK;
    });
  }

  grpc::Status GetPosting(grpc::ServerContext* context, const v1::GetPostingRequest* request,
                          v1::PostingRecord* response) override {
    return Served(*context, "GetPosting", request->property_id(), [&](auto&) -> grpc::Status {
      auto record = desk_->Get(request->property_id(), request->posting_id());
      if (!record) return ToGrpcStatus(record.error());
      *response = PostingRecordToProto(*record);
      return grpc::Status::OK;
    });
  }

  grpc::Status ListPostings(grpc::ServerContext* context, const v1::ListPostingsRequest* request,
                            v1::DayReport* response) override {
    return Served(*context, "ListPostings", request->property_id(), [&](auto&) -> grpc::Status {
      auto day = OptionalDateFromProto("business_date", request->business_date());
      if (!day) return ToGrpcStatus(day.error());
      if (!*day) {
        return ToGrpcStatus(
            core::Error{core::ErrorCode::kInvalidArgument, "business_date: is required"});
      }
      auto only = PostingStateFilterFromProto(request->state());
      if (!only) return ToGrpcStatus(only.error());
      auto report = desk_->Day(request->property_id(), **day, *only);
      if (!report) return ToGrpcStatus(report.error());
      *response = DayReportToProto(*report);
      return grpc::Status::OK;
    });
  }

  grpc::Status ForcePosting(grpc::ServerContext* context, const v1::ForcePostingRequest* request,
                            v1::PostingRecord* response) override {
    auto record_state = [&] {
      auto record = desk_->Get(request->property_id(), request->posting_id());
      return record ? RedactedJson(PostingRecordToProto(*record)) : std::string();
    };
    return Served(*context, "ForcePosting", request->property_id(), [&](auto& principal) {
      return calls_.Audited(
          principal, "ForcePosting", *request, response, record_state, [&]() -> grpc::Status {
            auto record = desk_->Force(request->property_id(), request->posting_id());
            if (!record) return ToGrpcStatus(record.error());
            *response = PostingRecordToProto(*record);
            return grpc::Status::OK;
          });
    });
  }

  grpc::Status RunEndOfDay(grpc::ServerContext* context, const v1::RunEndOfDayRequest* request,
                           v1::EndOfDaySummary* response) override {
    return Served(*context, "RunEndOfDay", request->property_id(), [&](auto& principal) {
      return calls_.Audited(
          principal, "RunEndOfDay", *request, response, {}, [&]() -> grpc::Status {
            auto day = OptionalDateFromProto("business_date", request->business_date());
            if (!day) return ToGrpcStatus(day.error());
            auto record = desk_->EndOfDay(request->property_id(), *day);
            if (!record) return ToGrpcStatus(record.error());
            *response = EndOfDayToProto(*record);
            return grpc::Status::OK;
          });
    });
  }

  grpc::Status GetPostingSetup(grpc::ServerContext* context,
                               const v1::GetPostingSetupRequest* request,
                               v1::PostingSetup* response) override {
    return Served(*context, "GetPostingSetup", request->property_id(), [&](auto&) -> grpc::Status {
      auto setup = desk_->GetSetup(request->property_id());
      if (!setup) return ToGrpcStatus(setup.error());
      *response = PostingSetupToProto(*setup);
      return grpc::Status::OK;
    });
  }

  grpc::Status SetPostingSetup(grpc::ServerContext* context,
                               const v1::SetPostingSetupRequest* request,
                               v1::PostingSetup* response) override {
    auto setup_state = [&] {
      auto setup = desk_->GetSetup(request->property_id());
      return setup ? RedactedJson(PostingSetupToProto(*setup)) : std::string();
    };
    return Served(*context, "SetPostingSetup", request->property_id(), [&](auto& principal) {
      return calls_.Audited(principal, "SetPostingSetup", *request, response, setup_state,
                            [&]() -> grpc::Status {
                              auto setup = PostingSetupFromProto(request->setup());
                              if (!setup) return ToGrpcStatus(setup.error());
                              auto stored = Store(*request, *setup);
                              if (!stored) return ToGrpcStatus(stored.error());
                              *response = PostingSetupToProto(*setup);
                              return grpc::Status::OK;
                            });
    });
  }

 private:
  // Replaces the set-up, or compares and sets it when the request says what it expects.
  core::Status Store(const v1::SetPostingSetupRequest& request,
                     const postings::PostingSetup& setup) const {
    if (!request.has_expected()) return desk_->PutSetup(request.property_id(), setup);
    ASSIGN_OR_RETURN(const postings::PostingSetup expected,
                     PostingSetupFromProto(request.expected()));
    return desk_->ReplaceSetup(request.property_id(), expected, setup);
  }

  // Every call names its property; a pos key is admitted for its own only.
  template <typename Call>
  grpc::Status Served(const grpc::ServerContext& context, std::string_view method,
                      const std::string& property, Call call) const {
    return ServeOnDesk(calls_, context, method, property, desk_, std::move(call));
  }

  const CallGuard calls_;
  postings::PostingDesk* const desk_;
};

}  // namespace

std::unique_ptr<grpc::Service> MakePostingGrpcService(const CallSecurity& security,
                                                      postings::PostingDesk* desk) {
  return std::make_unique<PostingGrpcService>(security, desk);
}

}  // namespace chansync::api
