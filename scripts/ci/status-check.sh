#!/usr/bin/env bash
# Fails when the last finished run of any of the given jobs did not succeed: a scheduled
# workflow with this step turns a failed production run into a failed check (and its e-mail).
# Usage: status-check.sh BUNDLE_DIR TARGET JOB_KEY...
set -euo pipefail
bundle_dir="$1"
target="$2"
shift 2
bundlectl="${BUNDLECTL:-bundlectl}"

failed=0
for job in "$@"; do
  # The newest ended run; `runs list -o json` is documented in docs/runs.md.
  result="$("$bundlectl" runs list "$job" -C "$bundle_dir" -t "$target" --limit 25 -o json |
    python3 -c '
import json, sys
runs = [r for r in json.load(sys.stdin)["runs"] if r.get("result")]
print(runs[0]["result"] if runs else "NONE")')"
  case "$result" in
    SUCCESS | NONE) echo "$job: ${result}" ;;
    *)
      echo "::error title=$job::the last run of $job ended $result"
      failed=1
      ;;
  esac
done
exit "$failed"
