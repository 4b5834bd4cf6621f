#pragma once

#include <grpcpp/impl/service_type.h>

#include <memory>

#include "chansync/api/grpc/grpc_services.h"
#include "chansync/pos/posting_routes.h"
#include "chansync/postings/posting_desk.h"

namespace chansync::app {

// The postings front ends of one `chansync serve`: the gRPC PostingService and SpaService and the
// HTTP routes mounted on the ingest port (a spa's events among them), all over one PostingDesk
// and checked with the service's guard. With a null desk they answer UNIMPLEMENTED to every
// admitted call.
struct PostingsFront {
  std::unique_ptr<grpc::Service> service;
  std::unique_ptr<grpc::Service> spa_service;
  std::unique_ptr<pos::PostingRoutes> routes;
};

// `desk` must outlive what is made.
PostingsFront MakePostingsFront(const api::CallSecurity& security, postings::PostingDesk* desk);

}  // namespace chansync::app
