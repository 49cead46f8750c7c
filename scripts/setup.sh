#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing; skips what is already there.
# Safe to run again and again: on a machine that has everything it takes about a second.
#
#   wasm32-unknown-unknown target   rustup
#   rustfmt, clippy                 rustup
#   trunk 0.21                      cargo install (about 7 min on 2 cores, once)
#   wasm-bindgen-cli 0.2.130        cargo install (about 2 min, once); must equal the crate's pin
#   chromium, chromedriver          apt-get (Debian packages)
#   wasm-opt 132, playwright-core,  npm ci (node_modules/, from package-lock.json)
#   axe-core
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

# Trunk 0.22 needs a newer rustc; wasm-bindgen must equal the crate's `=0.2.130` pin (and
# Trunk.toml's); wasm-opt must match Trunk.toml's `version_132`.
TRUNK_VERSION_REQ="0.21"
WASM_BINDGEN_VERSION="0.2.130"
WASM_OPT_VERSION="132"

have() { command -v "$1" >/dev/null 2>&1; }

# Runs a command as root: directly when we are root, else through sudo without a prompt.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif have sudo; then
    sudo -n "$@"
  else
    die "need root (or sudo) to run: $*"
  fi
}

have cargo || die "cargo not found: install Rust with rustup first (https://rustup.rs)"
have rustup || die "rustup not found: the wasm32 target is installed with rustup"

# --- Rust target and components -------------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
if ! cargo fmt --version >/dev/null 2>&1; then
  log "rustup component add rustfmt"
  rustup component add rustfmt
fi
if ! cargo clippy --version >/dev/null 2>&1; then
  log "rustup component add clippy"
  rustup component add clippy
fi

# --- Trunk 0.21 (0.22 needs a newer rustc than this toolchain) ------------------------------
if ! trunk --version 2>/dev/null | grep -q "^trunk ${TRUNK_VERSION_REQ//./\\.}\."; then
  log "cargo install --locked trunk --version ^${TRUNK_VERSION_REQ} (several minutes, once)"
  cargo install --locked trunk --version "^${TRUNK_VERSION_REQ}"
fi

# --- wasm-bindgen CLI, same version as the crate (also provides wasm-bindgen-test-runner) -----
# Not --locked: its lock file names a crate version the registry mirror may lack.
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen ${WASM_BINDGEN_VERSION}" ||
  ! have wasm-bindgen-test-runner; then
  log "cargo install wasm-bindgen-cli --version ${WASM_BINDGEN_VERSION} (a few minutes, once)"
  cargo install --force wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}"
fi

# --- Chromium and ChromeDriver (Debian packages) ----------------------------------------------
if [ ! -x "$CHROMIUM" ] || [ ! -x "$CHROMEDRIVER" ]; then
  log "apt-get install chromium chromium-driver"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    chromium chromium-driver
fi

# --- Node packages: wasm-opt 132 (binaryen), playwright-core, axe-core -----------------------
if ! have node || ! have npm; then
  log "apt-get install nodejs npm"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm
fi
if [ ! -x node_modules/.bin/wasm-opt ] ||
  ! node_modules/.bin/wasm-opt --version 2>/dev/null | grep -q "version ${WASM_OPT_VERSION}" ||
  [ ! -f node_modules/playwright-core/package.json ] ||
  [ ! -f node_modules/axe-core/axe.min.js ] ||
  [ ! -x node_modules/.bin/esbuild ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci (wasm-opt ${WASM_OPT_VERSION}, esbuild, playwright-core, axe-core)"
  npm ci --no-audit --no-fund
fi

log "tools ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | awk '{print $3}'), $("$CHROMIUM" --version 2>/dev/null | head -n1)"
