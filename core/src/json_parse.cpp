#include "chansync/core/json_parse.h"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <cstring>
#include <string>

namespace chansync::core::json {
namespace {

constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;

// The input is checked to be UTF-8, but RapidJSON decodes an escaped lone low surrogate (the
// escape of DC00) into the three bytes ED B0 80, which no UTF-8 text holds: a string built so would
// be stored, then refused when read back. In text that was valid UTF-8, ED followed by A0..BF
// can only come from such an escape.
bool HoldsSurrogate(const char* str, rapidjson::SizeType length) {
  const char* end = str + length;
  for (const char* p = str; (p = static_cast<const char*>(std::memchr(p, '\xED', end - p)));) {
    if (++p < end && static_cast<unsigned char>(*p) >= 0xA0) return true;
  }
  return false;
}

// Forwards SAX events to the document, counting open arrays and objects; refusing the one past
// the limit stops the parser (kParseErrorTermination).
class DepthLimitedHandler {
 public:
  explicit DepthLimitedHandler(rapidjson::Document& doc) : doc_(doc) {}

  bool Null() { return doc_.Null(); }
  bool Bool(bool b) { return doc_.Bool(b); }
  bool Int(int i) { return doc_.Int(i); }
  bool Uint(unsigned i) { return doc_.Uint(i); }
  bool Int64(int64_t i) { return doc_.Int64(i); }
  bool Uint64(uint64_t i) { return doc_.Uint64(i); }
  bool Double(double d) { return doc_.Double(d); }
  bool RawNumber(const char* str, rapidjson::SizeType length, bool copy) {
    return doc_.RawNumber(str, length, copy);
  }
  bool String(const char* str, rapidjson::SizeType length, bool copy) {
    return Decodable(str, length) && doc_.String(str, length, copy);
  }
  bool Key(const char* str, rapidjson::SizeType length, bool copy) {
    return Decodable(str, length) && doc_.Key(str, length, copy);
  }
  bool StartObject() { return Enter() && doc_.StartObject(); }
  bool EndObject(rapidjson::SizeType members) {
    --depth_;
    return doc_.EndObject(members);
  }
  bool StartArray() { return Enter() && doc_.StartArray(); }
  bool EndArray(rapidjson::SizeType elements) {
    --depth_;
    return doc_.EndArray(elements);
  }

  bool too_deep() const { return too_deep_; }
  bool lone_surrogate() const { return lone_surrogate_; }

 private:
  bool Decodable(const char* str, rapidjson::SizeType length) {
    lone_surrogate_ = HoldsSurrogate(str, length);
    return !lone_surrogate_;
  }

  bool Enter() {
    too_deep_ = ++depth_ > kMaxDepth;
    return !too_deep_;
  }

  rapidjson::Document& doc_;
  int depth_ = 0;
  bool too_deep_ = false;
  bool lone_surrogate_ = false;
};

// Remembers the last member name read, so a refusal can name the field it was in.
class LastKeyHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, LastKeyHandler> {
 public:
  bool Key(const char* str, rapidjson::SizeType length, bool) {
    last_key_.assign(str, length);
    return true;
  }
  const std::string& last_key() const { return last_key_; }

 private:
  std::string last_key_;
};

// The member whose text is not UTF-8, found by reading the body again: refusals are rare, so the
// accepted bodies pay nothing for it.
std::string MemberWithInvalidEncoding(std::string_view json) {
  rapidjson::MemoryStream stream(json.data(), json.size());
  LastKeyHandler handler;
  rapidjson::Reader reader;
  reader.Parse<kFlags>(stream, handler);
  return handler.last_key();
}

}  // namespace

Status ParseUntrusted(rapidjson::Document& doc, std::string_view json) {
  rapidjson::ParseResult result;
  bool too_deep = false;
  bool lone_surrogate = false;
  auto parse = [&](rapidjson::Document& target) {
    rapidjson::MemoryStream stream(json.data(), json.size());
    DepthLimitedHandler handler(target);
    rapidjson::Reader reader;
    result = reader.Parse<kFlags>(stream, handler);
    too_deep = handler.too_deep();
    lone_surrogate = handler.lone_surrogate();
    return !result.IsError();
  };
  doc.SetNull();
  doc.Populate(parse);
  if (!result.IsError()) return Ok();
  if (too_deep) {
    return Fail(ErrorCode::kInvalidArgument, "JSON nested deeper than " +
                                                 std::to_string(kMaxDepth) + " levels at offset " +
                                                 std::to_string(result.Offset()));
  }
  if (lone_surrogate) {
    return Fail(ErrorCode::kInvalidArgument,
                "a \\u escape names a lone UTF-16 surrogate, not a character (invalid JSON at "
                "offset " +
                    std::to_string(result.Offset()) + ")");
  }
  if (result.Code() == rapidjson::kParseErrorStringInvalidEncoding) {
    const std::string member = MemberWithInvalidEncoding(json);
    if (!member.empty()) {
      return Fail(ErrorCode::kInvalidArgument, member + ": not UTF-8 (invalid JSON at offset " +
                                                   std::to_string(result.Offset()) + ")");
    }
  }
  return Fail(ErrorCode::kInvalidArgument, "invalid JSON at offset " +
                                               std::to_string(result.Offset()) + ": " +
                                               rapidjson::GetParseError_En(result.Code()));
}

}  // namespace chansync::core::json
