#pragma once

#include <grpcpp/impl/service_type.h>

#include <memory>

#include "chansync/api/grpc/grpc_services.h"
#include "chansync/pos/posting_routes.h"
#include "chansync/postings/posting_desk.h"

namespace chansync::app {

// The postings front ends of one `chansync serve`: the gRPC PostingService and the HTTP routes
// mounted on the ingest port, both over one PostingDesk and checked with the service's guard.
// With a null desk both answer UNIMPLEMENTED to every admitted call.
struct PostingsFront {
  std::unique_ptr<grpc::Service> service;
  std::unique_ptr<pos::PostingRoutes> routes;
};

// `desk` must outlive what is made.
PostingsFront MakePostingsFront(const api::CallSecurity& security, postings::PostingDesk* desk);

}  // namespace chansync::app
