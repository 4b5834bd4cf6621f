#pragma once

#include <cstddef>
#include <string>

namespace chansync::test {

// A TCP socket connected to 127.0.0.1:`port`, for tests that write raw bytes; -1 when the
// connection fails. The caller closes it.
int ConnectLoopback(int port);

// POSTs `total` bytes of a JSON string to `path` as a chunked body in 64 KiB chunks on a fresh
// connection, generated as they are sent (the test never holds the body), stopping as soon as
// the server answers; returns the answer as read until the server closed the connection (at most
// about 16 KiB; empty when there was none).
std::string SendChunked(int port, const std::string& path, size_t total,
                        const std::string& api_key = "");

}  // namespace chansync::test
