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

expectation() {  # prints the "<kind>: <text>" line of one kind for a bundle folder, or nothing
  grep -v '^#' "$expectations" | awk -v dir="$1" -v kind="$2" '
    { n = length($1) }
    (dir == $1 || substr(dir, length(dir) - n) == "/" $1) && $2 == kind ":" {
      $1 = ""; sub(/^ /, ""); print; exit }'
}

# The summaries of a missing local notebook, file or folder, as the Databricks CLI words them.
missing_source='^Error: (notebook .* not found|file .* not found|stat .*: no such file or directory|failed to read serialized dashboard from file_path .*)'

# Creates, in the copy of a bundle at $1 (the original is $2), a stand-in for every local
# notebook, file and folder that the validate output on stdin reports missing.
create_stand_ins() {
  local copy="$1" original="$2" line name
  while IFS= read -r line; do
    if [[ "$line" =~ ^Error:\ notebook\ \"(.*)\"\ not\ found ]]; then
      name="${BASH_REMATCH[1]}.py"
    elif [[ "$line" =~ ^Error:\ (notebook|file)\ (.*)\ not\ found$ ]]; then
      name="${BASH_REMATCH[2]}"
      [ "${BASH_REMATCH[1]}" = file ] && { mkdir -p "$copy/$(dirname "$name")"; : >"$copy/$name"; continue; }
    elif [[ "$line" =~ ^Error:\ stat\ (.*):\ no\ such\ file\ or\ directory$ ]]; then
      name="${BASH_REMATCH[1]}"  # from the sync root (the bundle folder here), or absolute
      if [[ "$name" == /* ]]; then mkdir -p "$copy${name#"$original"}"; else mkdir -p "$copy/$name"; fi
      continue
    elif [[ "$line" =~ ^Error:\ failed\ to\ read\ serialized\ dashboard\ from\ file_path\ ([^:]*): ]]; then
      mkdir -p "$copy/$(dirname "${BASH_REMATCH[1]}")"
      echo '{}' >"$copy/${BASH_REMATCH[1]}"
      continue
    else
      continue
    fi
    mkdir -p "$copy/$(dirname "$name")"
    case "$name" in  # a notebook: its language's header, or a Jupyter document
      *.ipynb) echo '{}' ;;
      *.scala) echo '// Databricks notebook source' ;;
      *.sql) echo '-- Databricks notebook source' ;;
      *) echo '# Databricks notebook source' ;;
    esac >"$copy/$name"
  done
}

# `sources-absent`: the corpus holds the bundle's YAML without its notebooks and files. As with
# the Databricks CLI, validation fails on them; the check then validates a copy of the bundle
# folder's parent with stand-ins for what is missing, which must pass.
check_absent_sources() {
  local dir="$1" output="$2" summary="$3" tmp copy
  shift 3
  # Folders are named by absolute path in the message; the expectation names them from the
  # bundle folder.
  if ! grep -qxF "Error: $summary" <<<"${output//"$dir/"/}" ||
    grep '^Error: ' <<<"$output" | grep -vqE "$missing_source"; then
    echo "expected only missing notebooks, files and folders, among them \"$summary\""
    return 1
  fi
  tmp="$(mktemp -d)"
  cp -R "$(dirname "$dir")" "$tmp/"
  copy="$tmp/$(basename "$(dirname "$dir")")/$(basename "$dir")"
  # Path translation stops at the first missing path of each target, as the CLI's does, so
  # each round finds about one more; a bundle names at most a few dozen.
  for _ in $(seq 1 100); do
    create_stand_ins "$copy" "$dir" <<<"$output"
    output="$("$binary" validate --all-targets -C "$copy" "$@" 2>&1)" && break
    output="${output//"$copy"/"$dir"}"
  done
  rm -rf "$tmp"
  grep '^Error: ' <<<"$output" | head -5
  ! grep -q '^Error: ' <<<"$output"
}

passed=0 failed=0
while IFS= read -r root_file; do
  dir="$(dirname "$root_file")"
  relative="${dir#"$corpus"/}"
  args=()
  extra="$(expectation "$relative" args)"
  [ -n "$extra" ] && read -r -a args <<<"${extra#args: }"
  output="$("$binary" validate --all-targets -C "$dir" "${args[@]}" 2>&1)"
  status=$?
  expected_error="$(expectation "$relative" error)"
  absent="$(expectation "$relative" sources-absent)"
  if [ -n "$expected_error" ]; then
    summary="${expected_error#error: }"
    if [ $status -eq 1 ] && grep -qxF "Error: $summary" <<<"$output"; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      echo "FAIL $relative: expected the error \"$summary\" (exit $status)"
      echo "$output" | sed 's/^/    /'
    fi
  elif [ -n "$absent" ]; then
    if [ $status -eq 1 ] && why="$(check_absent_sources "$dir" "$output" "${absent#sources-absent: }" "${args[@]}")"; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      echo "FAIL $relative (sources absent, exit $status): $why"
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
