#pragma once

#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>

#include <memory>
#include <string>

#include "chansync/core/error.h"

namespace chansync::app {

// PEM files of a listener's TLS; TLS is off when cert_file is empty.
struct TlsFiles {
  std::string cert_file;
  std::string key_file;
  std::string client_ca_file;  // set: clients must present a certificate this CA signed
};

// The gRPC listener's credentials: insecure without a certificate, else TLS, requiring and
// verifying a client certificate when a client CA is given. INVALID_ARGUMENT when a certificate
// comes without its key (or the reverse), a client CA without a certificate, or a file cannot be
// read.
core::Result<std::shared_ptr<grpc::ServerCredentials>> GrpcServerCredentials(const TlsFiles& tls);

// A client's credentials: insecure without `ca_file`; else TLS verifying the server against that
// CA, presenting `cert_file` and `key_file` when given (for a server asking client certificates).
core::Result<std::shared_ptr<grpc::ChannelCredentials>> GrpcClientCredentials(
    const std::string& ca_file, const std::string& cert_file, const std::string& key_file);

}  // namespace chansync::app
