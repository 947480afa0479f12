#!/usr/bin/env bash
# Installs the Debian packages bundlectl builds, tests and fuzzes with.
# Idempotent: packages already present are left alone, so a warm machine skips apt entirely.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ca-certificates
  libcurl4-openssl-dev nlohmann-json3-dev libyaml-cpp-dev libcli11-dev libssl-dev
  libspdlog-dev libgtest-dev libgmock-dev libcpp-httplib-dev libsqlite3-dev
  libvalijson-dev libkainjow-mustache-dev
  tzdata  # /usr/share/zoneinfo: the time zones of schedules
  clang libclang-rt-14-dev
  ccache  # compilations cached across builds and clones (scripts/build.sh)
  chromium  # the emulator's web pages are tested in it (dashboard_browser_test.cc)
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
