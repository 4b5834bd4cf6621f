#pragma once

#include <string>
#include <string_view>

#include "chansync/core/error.h"

namespace chansync::fias {

// The character set of an interface's wire (CP850 unless the interface is set up otherwise),
// converted to and from UTF-8 with iconv. Record ids, field ids and the separator are ASCII in
// every code page this is used with, so whole frame bodies are converted at once.
// Thread-safe: every conversion opens its own iconv state.
class CodePage {
 public:
  static constexpr const char* kDefaultName = "CP850";

  // INVALID_ARGUMENT when iconv knows no conversion between `name` and UTF-8.
  static core::Result<CodePage> Open(std::string name);

  const std::string& name() const { return name_; }

  // UTF-8 to the wire. A character the code page lacks is transliterated when iconv knows how
  // ("€" becomes "EUR" in CP850), else written '?'; so is a byte that is not UTF-8.
  std::string ToWire(std::string_view utf8) const;
  // The wire to UTF-8; a byte the code page leaves undefined becomes '?'.
  std::string FromWire(std::string_view wire) const;

 private:
  explicit CodePage(std::string name) : name_(std::move(name)) {}

  std::string name_;
};

}  // namespace chansync::fias
