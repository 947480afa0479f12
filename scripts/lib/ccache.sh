# shellcheck shell=bash disable=SC2034  # sourced: ccache_flags is read by the script that sources this
# Sourced by the build scripts: with ccache installed (scripts/install-deps.sh installs it),
# sets `ccache_flags` to the CMake flags that compile through it, else to nothing.
#
# The base directory is the checkout itself, so paths inside it are hashed relative to it:
# another clone of the same commit (CI's fresh clone, a second work tree) reuses the cache.
# Precompiled headers are then off: GCC's .gch differs from one folder to the next, and every
# compilation that includes it would miss the cache of any other clone.
ccache_flags=()
if command -v ccache >/dev/null 2>&1; then
  ccache_flags=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON)
  CCACHE_BASEDIR="$(pwd -P)"
  export CCACHE_BASEDIR
  export CCACHE_SLOPPINESS="include_file_mtime,include_file_ctime"
  # With -g, ccache would hash the working folder too; debug info then names the folder of
  # whichever clone compiled first, which only a debugger notices.
  export CCACHE_NOHASHDIR=true
  export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
fi
