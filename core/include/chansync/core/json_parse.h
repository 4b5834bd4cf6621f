#pragma once

// Parsing JSON that came from outside the process. For .cpp files: it includes rapidjson, so no
// header should include it.

#include <rapidjson/document.h>

#include <string_view>

#include "chansync/core/error.h"

namespace chansync::core::json {

// Deepest nesting of arrays and objects accepted in untrusted input. Every document chansync
// exchanges is a few levels deep; the limit only has to keep hostile input cheap.
inline constexpr int kMaxDepth = 32;

// Parses `json` into `doc` without recursion (the parser keeps its own heap stack), refusing
// nesting deeper than kMaxDepth and text that is not valid UTF-8, so no input can exhaust the
// thread's stack. On failure `doc` is left null and the answer is INVALID_ARGUMENT with
// "invalid JSON at offset N: <reason>" or "JSON nested deeper than 32 levels at offset N";
// callers re-label it with their own code and field.
Status ParseUntrusted(rapidjson::Document& doc, std::string_view json);

}  // namespace chansync::core::json
