#pragma once

#include <string>
#include <vector>

namespace chansync::app {

// Admin commands talking to a running `chansync serve` over gRPC. Each returns the exit code.
int ProductsCommand(const std::vector<std::string>& words);
int OptionsCommand(const std::vector<std::string>& words);
int LinkCommand(const std::vector<std::string>& words);    // link product|option ...
int UnlinkCommand(const std::vector<std::string>& words);  // unlink product|option ...
int ModeCommand(const std::vector<std::string>& words);
int PropertiesCommand(const std::vector<std::string>& words);
int ChannelsCommand(const std::vector<std::string>& words);
int CatalogCommand(const std::vector<std::string>& words);  // catalog sync --property P

}  // namespace chansync::app
