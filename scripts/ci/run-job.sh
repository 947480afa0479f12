#!/usr/bin/env bash
# Starts one job of a deployed bundle and follows it to the end, one line per state change.
# Usage: run-job.sh BUNDLE_DIR TARGET JOB_KEY [PARAMS]   (PARAMS: k=v,k2=v2)
# Exit: 0 when the run succeeded, 4 when it ended otherwise, 1 on errors.
set -euo pipefail
bundle_dir="$1"
target="$2"
job="$3"
params="${4:-}"
bundlectl="${BUNDLECTL:-bundlectl}"

args=(run "$job" -C "$bundle_dir" -t "$target" --progress plain)
[ -n "$params" ] && args+=(--params "$params")
exec "$bundlectl" "${args[@]}"
