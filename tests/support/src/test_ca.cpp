#include "chansync/test/test_ca.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace chansync::test {
namespace {

void Openssl(std::vector<std::string> args) {
  args.insert(args.begin(), "openssl");
  auto ran = RunCommand(args);
  if (ran.exit_code != 0) throw std::runtime_error("openssl " + args[1] + ": " + ran.err);
}

}  // namespace

TestCa::TestCa() {
  const std::string d = dir_.path() + "/";
  ca_cert_ = d + "ca.pem";
  Openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
           "/CN=chansync test CA", "-keyout", d + "ca.key", "-out", ca_cert_});
  std::ofstream(d + "san.ext") << "subjectAltName=IP:127.0.0.1,DNS:localhost\n";
  Openssl({"req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout",
           d + "server.key", "-out", d + "server.csr"});
  Openssl({"x509", "-req", "-in", d + "server.csr", "-CA", ca_cert_, "-CAkey", d + "ca.key",
           "-CAcreateserial", "-days", "2", "-extfile", d + "san.ext", "-out", d + "server.pem"});
  Openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
           "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", d + "untrusted.key",
           "-out", d + "untrusted.pem"});
}

std::vector<std::string> TestCa::TrustedServerFlags() const {
  return {"--tls-cert", dir_.path() + "/server.pem", "--tls-key", dir_.path() + "/server.key"};
}

std::vector<std::string> TestCa::UntrustedServerFlags() const {
  return {"--tls-cert", dir_.path() + "/untrusted.pem", "--tls-key",
          dir_.path() + "/untrusted.key"};
}

bool ServesTls(const std::vector<std::string>& flags) {
  return std::find(flags.begin(), flags.end(), "--tls-cert") != flags.end();
}

}  // namespace chansync::test
