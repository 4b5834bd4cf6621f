#pragma once

#include <string>
#include <vector>

namespace chansync::app {

// `chansync push --channel C FILE.json`: pushes the reservation(s) in FILE (one JSON object, or
// a JSON array of them sent on one stream) to a running `chansync serve`. Returns the exit code.
int PushCommand(const std::vector<std::string>& words);

}  // namespace chansync::app
