#!/usr/bin/env bash
# The demo page (examples/web) in headless Chromium, driven by Playwright (playwright-core,
# pinned in bindings/wasm/package-lock.json), against the built npm package.
#
#   scripts/test-browser.sh [node --test args...]
#
# - installs Debian's chromium and fonts-noto-cjk (Chinese must render) when missing;
# - installs the pinned dev dependencies into bindings/wasm/node_modules when missing (npm ci);
# - builds the package (scripts/build-wasm.sh; a no-op rebuild when nothing changed);
# - runs bindings/wasm/e2e/demo.e2e.mjs: a static server on 127.0.0.1 (random port) serves the
#   repository root, Chromium opens /examples/web/, uploads seed 004, a GBK page and more,
#   and checks what the page shows. Screenshots: artifacts/demo-*.png.
# Exits non-zero when a step or a test fails. Idempotent; works on a fresh clone.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { printf '== %s\n' "$*" >&2; }

need_apt=()
command -v node >/dev/null || need_apt+=(nodejs)
command -v npm >/dev/null || need_apt+=(npm)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need_apt+=(chromium)
fc-list 2>/dev/null | grep -qi 'noto.*cjk' || need_apt+=(fonts-noto-cjk)
if [ "${#need_apt[@]}" -gt 0 ]; then
    say "apt-get install ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

bash scripts/build-wasm.sh

cd bindings/wasm
if ! npm ls --depth=0 >/dev/null 2>&1; then
    say "npm ci (bindings/wasm)"
    npm ci --no-audit --no-fund >&2
fi

say "node --test e2e/demo.e2e.mjs (headless Chromium)"
node --test "$@" e2e/demo.e2e.mjs
