#include "grpc_tls.h"

#include "text_file.h"

namespace chansync::app {
namespace {

core::Status CheckPair(const std::string& cert_file, const std::string& key_file,
                       std::string_view who) {
  if (cert_file.empty() != key_file.empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      std::string(who) + " TLS needs both a certificate and its key");
  }
  return core::Ok();
}

core::Result<std::string> ReadPem(const std::string& path) {
  auto text = ReadTextFile(path);
  if (!text || text->empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "cannot read the PEM file " + path);
  }
  return text;
}

}  // namespace

core::Result<std::shared_ptr<grpc::ServerCredentials>> GrpcServerCredentials(const TlsFiles& tls) {
  RETURN_IF_ERROR(CheckPair(tls.cert_file, tls.key_file, "the server's"));
  if (tls.cert_file.empty()) {
    if (!tls.client_ca_file.empty()) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        "a client CA needs TLS: give a certificate and key too");
    }
    return grpc::InsecureServerCredentials();
  }
  grpc::SslServerCredentialsOptions options;
  grpc::SslServerCredentialsOptions::PemKeyCertPair pair;
  ASSIGN_OR_RETURN(pair.cert_chain, ReadPem(tls.cert_file));
  ASSIGN_OR_RETURN(pair.private_key, ReadPem(tls.key_file));
  options.pem_key_cert_pairs.push_back(std::move(pair));
  if (!tls.client_ca_file.empty()) {
    ASSIGN_OR_RETURN(options.pem_root_certs, ReadPem(tls.client_ca_file));
    options.client_certificate_request = GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(options);
}

core::Result<std::shared_ptr<grpc::ChannelCredentials>> GrpcClientCredentials(
    const std::string& ca_file, const std::string& cert_file, const std::string& key_file) {
  RETURN_IF_ERROR(CheckPair(cert_file, key_file, "the client's"));
  if (ca_file.empty()) {
    if (!cert_file.empty()) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        "a client certificate needs TLS: give the server's CA too");
    }
    return grpc::InsecureChannelCredentials();
  }
  grpc::SslCredentialsOptions options;
  ASSIGN_OR_RETURN(options.pem_root_certs, ReadPem(ca_file));
  if (!cert_file.empty()) {
    ASSIGN_OR_RETURN(options.pem_cert_chain, ReadPem(cert_file));
    ASSIGN_OR_RETURN(options.pem_private_key, ReadPem(key_file));
  }
  return grpc::SslCredentials(options);
}

}  // namespace chansync::app
