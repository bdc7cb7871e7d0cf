#!/usr/bin/env bash
# buf breaking against the proto/ tree of a git ref (default: main), run from libs/contracts.
# The ref's tree is exported with `git archive` rather than buf's own `.git#branch=` input, which
# also works in worktrees and needs no clone. Skips (exit 0) with a message when there is nothing
# to compare against yet: the ref is unknown (e.g. a CI checkout without it) or has no proto/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

ref="${BUF_BREAKING_AGAINST:-main}"
repo_root="$(git rev-parse --show-toplevel)"
proto_dir="$repo_root/proto"

# CI checkouts often have origin/main but no local main branch.
if [[ -z "${BUF_BREAKING_AGAINST:-}" ]] && ! git -C "$repo_root" rev-parse --verify --quiet "$ref^{commit}" >/dev/null \
  && git -C "$repo_root" rev-parse --verify --quiet "origin/$ref^{commit}" >/dev/null; then
  ref="origin/$ref"
fi

if ! git -C "$repo_root" rev-parse --verify --quiet "$ref^{commit}" >/dev/null; then
  echo "buf breaking: skipped, git ref '$ref' not found (set BUF_BREAKING_AGAINST to compare with another ref)"
  exit 0
fi
if ! git -C "$repo_root" cat-file -e "$ref:proto" 2>/dev/null; then
  echo "buf breaking: skipped, '$ref' has no proto/ yet (first commit of the contracts)"
  exit 0
fi

against="$(mktemp -d)"
trap 'rm -rf "$against"' EXIT
git -C "$repo_root" archive "$ref" proto | tar -x -C "$against"

buf breaking "$proto_dir" --against "$against/proto"
echo "buf breaking: no breaking changes against $ref"
