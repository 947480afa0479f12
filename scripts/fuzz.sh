#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in build-fuzz/ and runs each for a bounded time.
# Usage: scripts/fuzz.sh [SECONDS]   (total for all targets; default 60)
# Exits non-zero when a target finds a crash, a leak, a timeout or runs out of memory; the
# input is left in build-fuzz/artifacts/. The growing corpus lives in tests/fuzz/corpus-run/
# (ignored by git); tests/fuzz/seeds/ holds the checked-in seeds and regression inputs.
set -euo pipefail
cd "$(dirname "$0")/.."
total="${1:-60}"
build_dir=build-fuzz
targets=(yaml_reader_fuzz load_bundle_fuzz)
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"

source scripts/lib/ccache.sh
CXX="${CXX:-clang++}" cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${ccache_flags[@]}" \
  -DBUNDLECTL_FUZZ=ON -DBUNDLECTL_TESTS=OFF -DBUNDLECTL_BENCH=OFF \
  -DCMAKE_CXX_FLAGS="$flags" >/dev/null
cmake --build "$build_dir" -j 2 --target "${targets[@]}"

per_target=$(( total / ${#targets[@]} ))
(( per_target < 1 )) && per_target=1
mkdir -p "$build_dir/artifacts"
status=0
for target in "${targets[@]}"; do
  corpus="tests/fuzz/corpus-run/$target"
  mkdir -p "$corpus"
  echo "== $target: ${per_target}s"
  if ! "$build_dir/tests/fuzz/$target" "$corpus" tests/fuzz/seeds \
      -max_total_time="$per_target" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
      -artifact_prefix="$build_dir/artifacts/$target-"; then
    echo "== $target FAILED: see $build_dir/artifacts/" >&2
    status=1
  fi
done
exit $status
