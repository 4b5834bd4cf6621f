#pragma once

#include "command_line.h"

namespace chansync::app {

// The postings commands, talking to a running `chansync serve` over gRPC: postings (the "Posted
// to PMS" report of a business day), posting show|force ID, guests, eod, posting-setup.
void AddPostingCommands(CommandLine& cli);

}  // namespace chansync::app
