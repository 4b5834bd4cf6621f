#pragma once

#include <string>

#include "chansync/test/process.h"

namespace chansync::test {

// A certificate authority made for one test with the openssl command, in a temp dir: a server
// certificate for 127.0.0.1 and localhost, a client certificate, and a client certificate from
// another CA that nothing trusts. Throws when openssl fails.
class TestCertificates {
 public:
  TestCertificates();

  std::string ca() const { return Path("ca.pem"); }
  std::string server_cert() const { return Path("server.pem"); }
  std::string server_key() const { return Path("server.key"); }
  std::string client_cert() const { return Path("client.pem"); }
  std::string client_key() const { return Path("client.key"); }
  std::string stranger_cert() const { return Path("stranger.pem"); }  // signed by another CA
  std::string stranger_key() const { return Path("stranger.key"); }

 private:
  std::string Path(const std::string& name) const { return dir_.path() + "/" + name; }
  void MakeCa(const std::string& name);
  void MakeLeaf(const std::string& name, const std::string& ca, const std::string& extensions);

  TempDir dir_;
};

}  // namespace chansync::test
