#!/usr/bin/env bash
# Deploys a bundle target non-interactively: deletions are approved (the pull request's plan
# showed them), the lock protects against a concurrent deploy (exit 3), and the summary of
# what is deployed ends the log.
# Usage: deploy.sh BUNDLE_DIR TARGET
set -euo pipefail
bundle_dir="$1"
target="$2"
bundlectl="${BUNDLECTL:-bundlectl}"

"$bundlectl" deploy -C "$bundle_dir" -t "$target" --auto-approve
"$bundlectl" summary -C "$bundle_dir" -t "$target"
