# Sourced by the other scripts: the repository root, PATH and shared helpers.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

# cargo-installed tools (trunk, wasm-bindgen, wasm-bindgen-test-runner) and npm-installed ones
# (wasm-opt from binaryen 132, which Trunk looks up on PATH when building offline).
PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export PATH

# The browser Debian installs; Playwright and wasm-bindgen-test-runner both drive it.
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The Trunk build used by serve.sh, test.sh and bench-web.sh.
build_release() {
  (cd "$ROOT" && trunk build --release --offline)
}
