#!/usr/bin/env bash
# Configures and builds bundlectl.
# Usage: scripts/build.sh [BUILD_DIR] [--target NAME] [-- extra cmake flags...]
# CI=true turns warnings into errors. Compilations go through ccache when it is installed
# (scripts/lib/ccache.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${1:-build}"
shift || true
build_args=()
if [ "${1:-}" = "--target" ]; then
  build_args=(--target "$2")
  shift 2
fi
[ "${1:-}" = "--" ] && shift
werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
source scripts/lib/ccache.sh
cmake -S . -B "$build_dir" -DBUNDLECTL_WERROR="$werror" "${ccache_flags[@]}" "$@" >/dev/null
cmake --build "$build_dir" -j "$(nproc)" "${build_args[@]}"
