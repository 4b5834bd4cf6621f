# The libFuzzer build (CHANSYNC_FUZZ=ON): its own configure with clang, building only the
# libraries the fuzz targets in tests/fuzz need, every one instrumented for coverage and under
# AddressSanitizer + UndefinedBehaviorSanitizer.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "CHANSYNC_FUZZ needs clang (libFuzzer): configure with "
                      "-DCMAKE_CXX_COMPILER=clang++-16")
endif()
if(CMAKE_CXX_COMPILER_VERSION VERSION_LESS 16)
  # Clang 14 and 15 lack conditionally trivial special members (P0848), which libstdc++ 12's
  # std::expected (core::Result) relies on.
  message(FATAL_ERROR "CHANSYNC_FUZZ needs clang 16 or later (core::Result is std::expected)")
endif()
if(CMAKE_CXX_COMPILER_VERSION VERSION_LESS 19)
  # Clang implements P0848 from 16 but announces concepts as 201907L until 19, and libstdc++ 12
  # hides <expected> below 202002L.
  add_compile_options(-D__cpp_concepts=202002L -Wno-macro-redefined)
endif()
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                    -fno-sanitize-recover=all
                    -fsanitize-ignorelist=${CMAKE_CURRENT_LIST_DIR}/fuzz_ignorelist.txt)
add_link_options(-fsanitize=address,undefined)
