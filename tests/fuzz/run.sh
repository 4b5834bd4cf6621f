#!/usr/bin/env bash
# Runs every libFuzzer target of a fuzz build (CHANSYNC_FUZZ=ON): first its corpus as regression
# inputs, then fuzzing for SECONDS from that corpus. New inputs go to BUILD/fuzz-work/<target>/,
# crashes to BUILD/fuzz-artifacts/<target>/; the seed corpus in the tree is never written.
# Exits non-zero on the first target that fails, after printing the input that did it.
#   tests/fuzz/run.sh BUILD_DIR SECONDS
set -euo pipefail
build=${1:?usage: run.sh BUILD_DIR SECONDS}
seconds=${2:?usage: run.sh BUILD_DIR SECONDS}
source_dir=$(cd "$(dirname "$0")" && pwd)
corpus=$source_dir/corpus

# A crash should stop the run at once with the whole report; leaks are reported too.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

shopt -s nullglob
targets=("$build"/tests/fuzz/fuzz_*)
if [ ${#targets[@]} -eq 0 ]; then
  echo "no fuzz targets in $build/tests/fuzz (configure with -DCHANSYNC_FUZZ=ON)" >&2
  exit 2
fi

for binary in "${targets[@]}"; do
  name=${binary##*/fuzz_}
  seeds=("$corpus/$name"/*)
  if [ ${#seeds[@]} -eq 0 ]; then
    echo "$name: no seed corpus in $corpus/$name" >&2
    exit 2
  fi
  work=$build/fuzz-work/$name
  artifacts=$build/fuzz-artifacts/$name
  mkdir -p "$work" "$artifacts"
  log=$build/fuzz-work/$name.log

  echo "== $name: ${#seeds[@]} corpus inputs"
  if ! "$binary" -artifact_prefix="$artifacts/" "${seeds[@]}" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "$name: a corpus input fails (log: $log)" >&2
    exit 1
  fi

  echo "== $name: fuzzing for ${seconds}s"
  if ! "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$artifacts/" "$work" "$corpus/$name" >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "$name: crash or broken invariant; input in $artifacts/ (log: $log)" >&2
    exit 1
  fi
  grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$log" | sed "s/^/   /"
  echo "   corpus now $(find "$work" -type f | wc -l) found + ${#seeds[@]} seeds"
done
