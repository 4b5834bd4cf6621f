# The front door: `make run` and `make test` are all a newcomer needs.
BUILD_DIR      ?= build
ASAN_BUILD_DIR ?= build-asan
TSAN_BUILD_DIR ?= build-tsan
BENCH_BUILD_DIR ?= build-release
FUZZ_BUILD_DIR ?= build-fuzz
# libFuzzer build: clang 16 is the oldest whose C++23 takes libstdc++ 12's std::expected.
FUZZ_CXX       ?= clang++-16
FUZZ_SECONDS   ?= 60
FUZZ_SMOKE_SECONDS ?= 10
JOBS           ?= $(shell nproc)
CMAKE_FLAGS    ?=

# Debian packages the build, the tests and `make run` need.
PACKAGES := build-essential cmake ninja-build pkg-config git ca-certificates tzdata \
            libhiredis-dev rapidjson-dev libspdlog-dev libfmt-dev \
            libgrpc++-dev libprotobuf-dev protobuf-compiler protobuf-compiler-grpc \
            libcurl4-openssl-dev libcpp-httplib-dev libgtest-dev libgmock-dev libjemalloc-dev \
            libcli11-dev libtomlplusplus-dev libmicrohttpd-dev libgnutls28-dev nghttp2-client \
            libsodium-dev redis-server clang-format jq clang-16 libclang-rt-16-dev openssl libssl-dev

.PHONY: all install build run test reliability test-asan test-tsan bench bench-quick fuzz-build fuzz \
        fuzz-smoke format format-check clean

all: build

# Idempotent and quick when everything is present: apt-get runs only for what is missing.
install:
	@missing=$$(for p in $(PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: install $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	./deploy/local/run.sh $(BUILD_DIR)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) -LE reliability

# The scenarios of docs/RELIABILITY.md "Proof" against real processes, each three times (the
# 60 s PMS outage alone takes about 4 minutes). Prints each run's figures; the whole output is
# in BUILD_DIR/reliability.log.
reliability: build
	cd $(BUILD_DIR) && { ctest -V -L reliability >reliability.log 2>&1; status=$$?; \
	  grep -E '\] pushed |tests passed|tests failed|Total Test time' reliability.log; \
	  [ $$status = 0 ] || grep -E 'Failure|FAILED|Which is|Expected' reliability.log | head -100; \
	  exit $$status; }

$(ASAN_BUILD_DIR)/build.ninja:
	cmake -S . -B $(ASAN_BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCHANSYNC_SANITIZE=ON $(CMAKE_FLAGS)

# The same tests under AddressSanitizer + UndefinedBehaviorSanitizer. Only the test binaries
# (and the processes they spawn) are built: the benchmark tools and the reliability scenarios
# are not run here.
test-asan: install $(ASAN_BUILD_DIR)/build.ninja
	cmake --build $(ASAN_BUILD_DIR) -j $(JOBS) --target chansync_unit_tests \
	  chansync_integration_tests chansync_fuzz_replay_tests
	cd $(ASAN_BUILD_DIR) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS) \
	  -L 'unit|integration|fuzz'

$(TSAN_BUILD_DIR)/build.ninja:
	cmake -S . -B $(TSAN_BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCHANSYNC_TSAN=ON $(CMAKE_FLAGS)

# The unit tests under ThreadSanitizer: every threaded piece of logic runs there on its twins.
test-tsan: install $(TSAN_BUILD_DIR)/build.ninja
	cmake --build $(TSAN_BUILD_DIR) -j $(JOBS) --target chansync_unit_tests
	cd $(TSAN_BUILD_DIR) && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions=$(CURDIR)/tests/tsan-suppressions.txt \
	  ctest --output-on-failure -j $(JOBS) -L unit

$(BENCH_BUILD_DIR)/build.ninja:
	cmake -S . -B $(BENCH_BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHANSYNC_TESTS=ON $(CMAKE_FLAGS)

# Only what the benchmark runs: the tests are not needed to measure.
BENCH_TARGETS := --target chansync pmssim portalsim loadgen

bench: install $(BENCH_BUILD_DIR)/build.ninja
	cmake --build $(BENCH_BUILD_DIR) -j $(JOBS) $(BENCH_TARGETS)
	@if [ -x tests/bench/run.sh ]; then tests/bench/run.sh $(BENCH_BUILD_DIR); else echo "no benchmarks yet"; fi

bench-quick: install $(BENCH_BUILD_DIR)/build.ninja
	cmake --build $(BENCH_BUILD_DIR) -j $(JOBS) $(BENCH_TARGETS)
	@if [ -x tests/bench/run.sh ]; then tests/bench/run.sh $(BENCH_BUILD_DIR) --quick; else echo "no benchmarks yet"; fi

$(FUZZ_BUILD_DIR)/build.ninja:
	cmake -S . -B $(FUZZ_BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_COMPILER=$(FUZZ_CXX) -DCHANSYNC_FUZZ=ON $(CMAKE_FLAGS)

# Only the fuzz targets and the few libraries they exercise (tests/fuzz), with clang.
fuzz-build: install $(FUZZ_BUILD_DIR)/build.ninja
	cmake --build $(FUZZ_BUILD_DIR) -j $(JOBS)

# Each target replays its corpus, then fuzzes for FUZZ_SECONDS (crashes: build-fuzz/fuzz-artifacts).
fuzz: fuzz-build
	tests/fuzz/run.sh $(FUZZ_BUILD_DIR) $(FUZZ_SECONDS)

# The short run CI makes.
fuzz-smoke: fuzz-build
	tests/fuzz/run.sh $(FUZZ_BUILD_DIR) $(FUZZ_SMOKE_SECONDS)

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

# Fails on any file clang-format would change.
format-check: install
	@git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run -Werror

clean:
	rm -rf $(BUILD_DIR) $(ASAN_BUILD_DIR) $(TSAN_BUILD_DIR) $(BENCH_BUILD_DIR) $(FUZZ_BUILD_DIR)
