#pragma once

// One fuzz target = one function taking an arbitrary byte string. Built two ways from the same
// source:
//   - with clang and libFuzzer (CHANSYNC_LIBFUZZER defined): CHANSYNC_FUZZ_TARGET defines
//     LLVMFuzzerTestOneInput, one executable per target (`make fuzz`, `make fuzz-smoke`);
//   - with the normal build: it registers the function under its name, and
//     corpus_replay_test.cpp runs every file of tests/fuzz/corpus/<name>/ through it, so the seed
//     corpus and every crash kept in it are regression inputs of `make test`.
// A target checks invariants with FUZZ_CHECK: a broken one prints why and aborts, which both
// libFuzzer and the test runner report as a failure with the input that caused it.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace chansync::fuzz {

using TargetFunction = void (*)(std::string_view input);

struct Target {
  const char* name;  // also the corpus folder: tests/fuzz/corpus/<name>/
  TargetFunction run;
};

// The targets linked into this binary (the replay test's), in registration order.
inline std::vector<Target>& RegisteredTargets() {
  static std::vector<Target> targets;
  return targets;
}

struct TargetRegistration {
  TargetRegistration(const char* name, TargetFunction run) {
    RegisteredTargets().push_back({name, run});
  }
};

[[noreturn]] inline void FailCheck(const char* file, int line, const char* condition,
                                   std::string_view detail) {
  std::fprintf(stderr, "%s:%d: fuzz invariant broken: %s\n  %.*s\n", file, line, condition,
               static_cast<int>(detail.size()), detail.data());
  std::abort();
}

}  // namespace chansync::fuzz

// `detail` is anything convertible to std::string_view, evaluated only on failure.
#define FUZZ_CHECK(condition, detail)                                        \
  do {                                                                       \
    if (!(condition)) {                                                      \
      ::chansync::fuzz::FailCheck(__FILE__, __LINE__, #condition, (detail)); \
    }                                                                        \
  } while (false)

#ifdef CHANSYNC_LIBFUZZER
#define CHANSYNC_FUZZ_TARGET(name, function)                                \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) { \
    function(std::string_view(reinterpret_cast<const char*>(data), size));  \
    return 0;                                                               \
  }
#else
#define CHANSYNC_FUZZ_TARGET(name, function) \
  static const ::chansync::fuzz::TargetRegistration kFuzzTargetRegistration(name, function);
#endif
