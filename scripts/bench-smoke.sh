#!/usr/bin/env bash
# Builds the benchmarks and runs each one briefly, so that they keep building and running;
# their figures are printed, never compared (bench/README.md says how to measure for real).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh --build-only
./scripts/build.sh build -- -DBUNDLECTL_TESTS=OFF -DBUNDLECTL_BENCH=ON
build/bench/validate_bench build --runs 1
build/bench/hostile_bench build --runs 1
build/bench/emulator_runs_get_bench --connections 4 --seconds 1
