#!/usr/bin/env bash
# The main job, from a fresh machine: install what is needed, build, and run the demo bundle
# (bundles/daily_batch): validate every target.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh build --target bundlectl >/dev/null
export DATABRICKS_USER="${DATABRICKS_USER:-demo.user@example.com}"
for target in dev staging prod; do
  echo "== bundlectl validate -t $target"
  ./build/bundlectl validate -C bundles/daily_batch -t "$target"
done
