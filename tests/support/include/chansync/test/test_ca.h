#pragma once

#include <string>
#include <vector>

#include "chansync/test/process.h"

namespace chansync::test {

// Certificates made when a test runs (with the openssl command), never checked in: a CA, a
// server certificate it signed for 127.0.0.1 and localhost, and a self-signed certificate for
// the same names that no CA vouches for. PEM files in a temp dir removed with the object.
class TestCa {
 public:
  TestCa();  // throws std::runtime_error when openssl fails

  const std::string& ca_file() const { return ca_cert_; }
  // `--tls-cert FILE --tls-key FILE` for a simulator serving the CA-signed certificate.
  std::vector<std::string> TrustedServerFlags() const;
  // The same for the self-signed certificate.
  std::vector<std::string> UntrustedServerFlags() const;

 private:
  TempDir dir_;
  std::string ca_cert_;
};

// Whether a simulator's flags make it serve HTTPS (they name --tls-cert).
bool ServesTls(const std::vector<std::string>& flags);

}  // namespace chansync::test
