#include "chansync/fias/code_page.h"

#include <iconv.h>

#include <cerrno>

namespace chansync::fias {
namespace {

// An iconv descriptor closed when it goes out of scope.
class Converter {
 public:
  Converter(const std::string& to, const std::string& from)
      : handle_(iconv_open(to.c_str(), from.c_str())) {}
  ~Converter() {
    if (ok()) iconv_close(handle_);
  }
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;

  bool ok() const { return handle_ != reinterpret_cast<iconv_t>(-1); }

  // Converts all of `in`; an input sequence that cannot be converted is written '?' and skipped
  // (one byte, or a whole UTF-8 character when the input is UTF-8).
  std::string Convert(std::string_view in, bool input_is_utf8) {
    std::string out;
    out.reserve(in.size() + in.size() / 4 + 8);
    char* in_ptr = const_cast<char*>(in.data());
    size_t in_left = in.size();
    char buffer[1024];
    while (in_left > 0) {
      char* out_ptr = buffer;
      size_t out_left = sizeof buffer;
      const size_t done = iconv(handle_, &in_ptr, &in_left, &out_ptr, &out_left);
      out.append(buffer, out_ptr);
      if (done != static_cast<size_t>(-1) || errno == E2BIG) continue;
      // EILSEQ (not convertible) or EINVAL (cut short at the end): replace and move on.
      out += '?';
      const size_t skip = input_is_utf8 ? Utf8Length(*in_ptr, in_left) : 1;
      in_ptr += skip;
      in_left -= skip;
    }
    char* out_ptr = buffer;
    size_t out_left = sizeof buffer;
    iconv(handle_, nullptr, nullptr, &out_ptr, &out_left);  // the shift state's end, if any
    out.append(buffer, out_ptr);
    return out;
  }

 private:
  static size_t Utf8Length(char lead, size_t left) {
    const auto byte = static_cast<unsigned char>(lead);
    // A byte that cannot lead a character (a continuation byte, 0xF8 and above) stands alone.
    const size_t length = byte >= 0xF8   ? 1
                          : byte >= 0xF0 ? 4
                          : byte >= 0xE0 ? 3
                          : byte >= 0xC0 ? 2
                                         : 1;
    return length <= left ? length : left;
  }

  iconv_t handle_;
};

}  // namespace

core::Result<CodePage> CodePage::Open(std::string name) {
  if (!Converter(name + "//TRANSLIT", "UTF-8").ok() || !Converter("UTF-8", name).ok()) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "unknown FIAS code page '" + name + "' (iconv has no conversion)");
  }
  return CodePage(std::move(name));
}

std::string CodePage::ToWire(std::string_view utf8) const {
  Converter converter(name_ + "//TRANSLIT", "UTF-8");
  return converter.Convert(utf8, /*input_is_utf8=*/true);
}

std::string CodePage::FromWire(std::string_view wire) const {
  Converter converter("UTF-8", name_);
  return converter.Convert(wire, /*input_is_utf8=*/false);
}

}  // namespace chansync::fias
