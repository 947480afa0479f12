#!/usr/bin/env bash
# Validates every target of every bundle under a folder, e.g. ../shared/corpus.
# Usage: scripts/check-corpus.sh CORPUS_DIR [BUNDLECTL_BINARY]
# It runs as a pull request from a fork would: no credentials, no workspace, no user.
# A bundle passes when `validate --all-targets` reports no errors, unless
# tests/corpus/expectations.txt says what it needs or which defect it has.
set -uo pipefail
corpus="${1:?usage: check-corpus.sh CORPUS_DIR [BUNDLECTL_BINARY]}"
project="$(cd "$(dirname "$0")/.." && pwd)"
binary="${2:-$project/build/bundlectl}"
expectations="$project/tests/corpus/expectations.txt"
corpus="$(cd "$corpus" && pwd)"

expectation() {  # prints "<kind>: <text>" for a bundle folder, or nothing
  grep -v '^#' "$expectations" | awk -v dir="$1" '
    { n = length($1) }
    dir == $1 || substr(dir, length(dir) - n) == "/" $1 { $1 = ""; sub(/^ /, ""); print; exit }'
}

passed=0 failed=0
while IFS= read -r root_file; do
  dir="$(dirname "$root_file")"
  relative="${dir#"$corpus"/}"
  expected="$(expectation "$relative")"
  args=()
  [[ "$expected" == args:* ]] && read -r -a args <<<"${expected#args: }"
  output="$("$binary" validate --all-targets -C "$dir" "${args[@]}" 2>&1)"
  status=$?
  if [[ "$expected" == error:* ]]; then
    summary="${expected#error: }"
    if [ $status -eq 1 ] && grep -qxF "Error: $summary" <<<"$output"; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      echo "FAIL $relative: expected the error \"$summary\" (exit $status)"
      echo "$output" | sed 's/^/    /'
    fi
  elif [ $status -eq 0 ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $relative (exit $status)"
    echo "$output" | sed 's/^/    /'
  fi
done < <(find -L "$corpus" -name node_modules -prune -o \
           \( -name databricks.yml -o -name databricks.yaml -o -name bundle.yml -o -name bundle.yaml \) \
           -print | sort)

echo "corpus: $passed passed, $failed failed"
if [ $((passed + failed)) -eq 0 ]; then
  echo "no bundle root file found under $corpus"
  exit 1
fi
[ "$failed" -eq 0 ]
