#!/usr/bin/env bash
# Every test, from a fresh machine: install, build, run the suite; the corpus of real bundles
# when ../shared/corpus exists; the suite again under AddressSanitizer and
# UndefinedBehaviorSanitizer; the fuzzers for a bounded time.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
jobs="$(nproc)"

echo "== build"
./scripts/build.sh build
echo "== tests"
(cd build && ctest --output-on-failure -j "$jobs")

if [ -d ../shared/corpus ]; then
  echo "== corpus"
  ./scripts/check-corpus.sh ../shared/corpus build/bundlectl
fi

echo "== tests under ASan and UBSan"
./scripts/build.sh build-asan -- -DCMAKE_BUILD_TYPE=Debug -DBUNDLECTL_SANITIZE=ON
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --output-on-failure -j "$jobs")

if [ -x scripts/fuzz.sh ]; then
  echo "== fuzz"
  ./scripts/fuzz.sh "${BUNDLECTL_FUZZ_SECONDS:-60}"
fi
