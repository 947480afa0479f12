#!/usr/bin/env bash
# Installs the Debian packages bundlectl builds, tests and fuzzes with.
# Usage: scripts/install-deps.sh [--build-only]
# Idempotent: packages already present are left alone, so a warm machine skips apt entirely.
set -euo pipefail

# What building the bundlectl executable needs (`--build-only`: the setup action of
# .github/actions/setup-bundlectl) ...
packages=(
  build-essential cmake pkg-config git ca-certificates
  libcurl4-openssl-dev nlohmann-json3-dev libyaml-dev libyaml-cpp-dev libcli11-dev libssl-dev
  libspdlog-dev libcpp-httplib-dev libsqlite3-dev
  libkainjow-mustache-dev
  tzdata  # /usr/share/zoneinfo: the time zones of schedules
  ccache  # compilations cached across builds and clones (scripts/build.sh)
  chromium  # the emulator's web pages are tested in it (dashboard_browser_test.cc)
)
# ... and what the tests, the sanitizers and the fuzzers need besides.
if [ "${1:-}" != "--build-only" ]; then
  packages+=(
    libgtest-dev libgmock-dev
    clang libclang-rt-14-dev
    yamllint shellcheck  # the GitHub workflows and the scripts they call (tests/integration/ci)
  )
fi

# valijson is header-only, but Debian's libvalijson-dev depends on the development packages of
# every JSON library it has an adapter for (Qt 5, Poco, jsoncpp, rapidjson, picojson: about 80
# packages). bundlectl uses only its own adapter, so when the package is not installed its
# headers are unpacked from the .deb into a cache folder that CMake also searches.
valijson_cache="${BUNDLECTL_DEPS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/bundlectl}/valijson"

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
have_valijson() {
  [ -f /usr/include/valijson/validator.hpp ] || [ -f "$valijson_cache/usr/include/valijson/validator.hpp" ]
}
[ "${#missing[@]}" -eq 0 ] && have_valijson && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
if [ "${#missing[@]}" -gt 0 ]; then
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
if ! have_valijson; then
  download="$(mktemp -d)"
  (cd "$download" && apt-get download -q libvalijson-dev 2>/dev/null)
  mkdir -p "$valijson_cache"
  dpkg-deb -x "$download"/libvalijson-dev_*.deb "$valijson_cache"
  rm -rf "$download"
fi
