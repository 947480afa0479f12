#!/usr/bin/env bash
# The pull request check of a bundle: every target validated, with findings as GitHub
# annotations on the changed lines, then the plan of one target as a markdown table for the
# pull request comment.
# Usage: pr-check.sh BUNDLE_DIR PLAN_TARGET PLAN_FILE
# Exit: validate's (1 on errors) or plan's; the plan file is written even when validation
# failed, saying so, so the comment always tells the truth.
set -euo pipefail
bundle_dir="$1"
target="$2"
plan_file="$3"
bundlectl="${BUNDLECTL:-bundlectl}"

status=0
"$bundlectl" validate -C "$bundle_dir" --all-targets --policies --format github || status=$?
if [ "$status" -ne 0 ]; then
  printf '### bundlectl plan (%s)\n\nValidation failed: see the annotations of this pull request.\n' \
    "$target" >"$plan_file"
  exit "$status"
fi
{
  printf '### bundlectl plan (%s)\n\n' "$target"
  "$bundlectl" plan -C "$bundle_dir" -t "$target" -o markdown
} >"$plan_file"
