#include "chansync/core/json_parse.h"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <string>

namespace chansync::core::json {
namespace {

constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;

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
    return doc_.String(str, length, copy);
  }
  bool Key(const char* str, rapidjson::SizeType length, bool copy) {
    return doc_.Key(str, length, copy);
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

 private:
  bool Enter() {
    too_deep_ = ++depth_ > kMaxDepth;
    return !too_deep_;
  }

  rapidjson::Document& doc_;
  int depth_ = 0;
  bool too_deep_ = false;
};

}  // namespace

Status ParseUntrusted(rapidjson::Document& doc, std::string_view json) {
  rapidjson::ParseResult result;
  bool too_deep = false;
  auto parse = [&](rapidjson::Document& target) {
    rapidjson::MemoryStream stream(json.data(), json.size());
    DepthLimitedHandler handler(target);
    rapidjson::Reader reader;
    result = reader.Parse<kFlags>(stream, handler);
    too_deep = handler.too_deep();
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
  return Fail(ErrorCode::kInvalidArgument, "invalid JSON at offset " +
                                               std::to_string(result.Offset()) + ": " +
                                               rapidjson::GetParseError_En(result.Code()));
}

}  // namespace chansync::core::json
