#include "chansync/test/test_certificates.h"

#include <fstream>
#include <stdexcept>
#include <vector>

namespace chansync::test {
namespace {

void Run(const std::vector<std::string>& argv) {
  const CommandResult result = RunCommand(argv);
  if (result.exit_code != 0) {
    throw std::runtime_error("openssl failed (" + argv[1] + "): " + result.err);
  }
}

// P-256 keys: quick to make, and every TLS stack here (GnuTLS, BoringSSL in gRPC, OpenSSL)
// takes them.
const std::vector<std::string> kNewKey = {"-newkey", "ec", "-pkeyopt",
                                          "ec_paramgen_curve:prime256v1", "-nodes"};

}  // namespace

TestCertificates::TestCertificates() {
  MakeCa("ca");
  MakeCa("stranger-ca");
  MakeLeaf("server", "ca",
           "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  MakeLeaf("client", "ca", "extendedKeyUsage=clientAuth\n");
  MakeLeaf("stranger", "stranger-ca", "extendedKeyUsage=clientAuth\n");
}

void TestCertificates::MakeCa(const std::string& name) {
  std::vector<std::string> argv = {"openssl", "req", "-x509"};
  argv.insert(argv.end(), kNewKey.begin(), kNewKey.end());
  argv.insert(argv.end(), {"-keyout", Path(name + ".key"), "-out", Path(name + ".pem"), "-days",
                           "2", "-subj", "/CN=chansync test " + name});
  Run(argv);
}

void TestCertificates::MakeLeaf(const std::string& name, const std::string& ca,
                                const std::string& extensions) {
  std::vector<std::string> request = {"openssl", "req"};
  request.insert(request.end(), kNewKey.begin(), kNewKey.end());
  request.insert(request.end(), {"-keyout", Path(name + ".key"), "-out", Path(name + ".csr"),
                                 "-subj", "/CN=chansync test " + name});
  Run(request);
  std::ofstream(Path(name + ".ext")) << extensions;
  Run({"openssl", "x509", "-req", "-in", Path(name + ".csr"), "-CA", Path(ca + ".pem"), "-CAkey",
       Path(ca + ".key"), "-set_serial", std::to_string(name.size() * 7919 + ca.size()), "-days",
       "2", "-out", Path(name + ".pem"), "-extfile", Path(name + ".ext")});
}

}  // namespace chansync::test
