#pragma once

namespace chansync::test {

// A TCP socket connected to 127.0.0.1:`port`, for tests that write raw bytes; -1 when the
// connection fails. The caller closes it.
int ConnectLoopback(int port);

}  // namespace chansync::test
