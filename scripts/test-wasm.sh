#!/usr/bin/env bash
# Build the npm package `gxbg` and run its Node tests against the BUILT package.
#
#   scripts/test-wasm.sh [node --test args...]
#
# - builds the package (scripts/build-wasm.sh → bindings/wasm/pkg) and the test copy with a
#   deliberate panic entry point (--test-panic → bindings/wasm/pkg/test-panic);
# - installs the pinned dev dependencies (package-lock.json) into bindings/wasm/node_modules
#   when they are missing or differ (npm ci);
# - runs `node --test` on bindings/wasm/test/*.test.mjs, which import the package by its
#   name, resolved through package.json "exports" (condition "node").
# Exits non-zero when the build or a test fails. Idempotent; works on a fresh clone.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { printf '== %s\n' "$*" >&2; }

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    say "installing nodejs and npm (apt)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq nodejs npm >/dev/null
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 18 ]; then
    echo "test-wasm: Node.js >= 18 required, found $(node --version)" >&2
    exit 1
fi

bash scripts/build-wasm.sh
bash scripts/build-wasm.sh --test-panic

cd bindings/wasm
if ! npm ls --depth=0 >/dev/null 2>&1; then
    say "npm ci (bindings/wasm)"
    npm ci --no-audit --no-fund >&2
fi

say "node --test (bindings/wasm/test)"
node --test "$@" test/*.test.mjs
