#!/usr/bin/env bash
# Configures and builds bundlectl.
# Usage: scripts/build.sh [BUILD_DIR] [--target NAME] [-- extra cmake flags...]
# CI=true turns warnings into errors.
#
# With ccache installed (scripts/install-deps.sh installs it), compilations are cached. The
# base directory is the checkout itself, so paths inside it are hashed relative to it: another
# clone of the same commit (CI's fresh clone, a second work tree) reuses the cache.
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
launcher=()
if command -v ccache >/dev/null 2>&1; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR="$PWD"
  # Precompiled headers embed time stamps and defines; these let ccache hash them anyway.
  export CCACHE_SLOPPINESS="pch_defines,time_macros,include_file_mtime,include_file_ctime"
  export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
fi
cmake -S . -B "$build_dir" -DBUNDLECTL_WERROR="$werror" "${launcher[@]}" "$@" >/dev/null
cmake --build "$build_dir" -j "$(nproc)" "${build_args[@]}"
