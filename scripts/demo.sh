#!/usr/bin/env bash
# The main job, from a fresh machine: install what building needs, build, then take one of
# the example bundles (bundles/movie_recommender, an Airflow DAG as a bundle) from validation
# to a finished run on the embedded emulator: no workspace, no account.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh --build-only
./scripts/build.sh build --target bundlectl >/dev/null
bundlectl="$PWD/build/bundlectl"

# A scratch copy: the emulator's database and the deployment state live in the bundle's
# .bundlectl/ folder, and the checkout stays clean.
demo="build/demo/movie_recommender"
rm -rf "$demo"
mkdir -p "$(dirname "$demo")"
cp -R bundles/movie_recommender "$demo"
cd "$demo"
export BUNDLECTL_EMULATOR=1 DATABRICKS_RATE_LIMIT=1000

echo "== bundlectl validate --all-targets --policies"
"$bundlectl" validate --all-targets --policies --user demo.user@example.com
echo
echo "== bundlectl plan -t dev"
"$bundlectl" plan -t dev
echo
echo "== bundlectl deploy -t dev"
"$bundlectl" deploy -t dev
echo
# A Sunday run (the weekly training branch) whose model passes the deploy gate; the scenario
# file scripts what each task does on the emulator.
echo "== bundlectl run movie_recommender -t dev --params run_weekday=7"
BUNDLECTL_EMULATOR_SCENARIO="$PWD/tests/scenarios/gate_passes.yml" \
  "$bundlectl" run movie_recommender -t dev --params run_weekday=7
echo
echo "== bundlectl runs list movie_recommender -t dev"
"$bundlectl" runs list movie_recommender -t dev
