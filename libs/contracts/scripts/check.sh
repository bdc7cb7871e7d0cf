#!/usr/bin/env bash
# CI gate for the contracts: lint, breaking changes against main, and generated code up to date.
# Run from anywhere; `pnpm --filter @digicraft/contracts check` puts node_modules/.bin on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

buf lint ../../proto
echo "buf lint: ok"

bash scripts/breaking.sh

# Generate into a scratch dir with the same template (-o prefixes its `out`), then compare.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
buf generate -o "$scratch"
if ! diff -r -q "$scratch/src/gen" src/gen; then
  echo "generated code is stale: run pnpm --filter @digicraft/contracts gen" >&2
  exit 1
fi
echo "generated code: up to date"
