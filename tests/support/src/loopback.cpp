#include "chansync/test/loopback.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdint>

namespace chansync::test {

int ConnectLoopback(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

std::string SendChunked(int port, const std::string& path, size_t total,
                        const std::string& api_key) {
  std::string reply;
  const int fd = ConnectLoopback(port);
  if (fd < 0) return reply;
  const std::string head = "POST " + path +
                           " HTTP/1.1\r\nHost: x\r\n"
                           "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n" +
                           (api_key.empty() ? "" : "Authorization: Bearer " + api_key + "\r\n") +
                           "\r\n";
  (void)send(fd, head.data(), head.size(), MSG_NOSIGNAL);
  const std::string chunk = "10000\r\n" + std::string(0x10000, 'a') + "\r\n";
  char buffer[4096];
  for (size_t sent = 0; sent < total && reply.empty(); sent += 0x10000) {
    if (send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL) < 0) break;
    const ssize_t n = recv(fd, buffer, sizeof(buffer), MSG_DONTWAIT);
    if (n > 0) reply.append(buffer, n);
  }
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  // The answer may come in pieces (headers, then body): read on until the server closes, as a
  // refusal does, or enough is there to judge it.
  while (reply.size() < 16384) {
    const ssize_t n = recv(fd, buffer, sizeof(buffer), 0);
    if (n <= 0) break;
    reply.append(buffer, n);
  }
  close(fd);
  return reply;
}

}  // namespace chansync::test
