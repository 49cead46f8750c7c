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
  (cd "$ROOT" && trunk build --release --offline) && shorten_imports "$ROOT/dist" &&
    minify_glue "$ROOT/dist" && lock_down "$ROOT/dist"
}

# Writes again the integrity hash index.html gives for the file $2 of dist $1, after a change.
set_integrity() {
  local dist="$1" name="$2" sri
  sri="sha384-$(openssl dgst -sha384 -binary "$dist/$name" | base64 -w0)"
  NAME="$name" SRI="$sri" python3 - "$dist/index.html" <<'PY' || return 1
import os, re, sys
path = sys.argv[1]
html = open(path, encoding="utf-8").read()
pattern = r'(href="?\./' + re.escape(os.environ["NAME"]) + r'"?[^>]*?integrity=)"?sha384-[A-Za-z0-9+/=]+"?'
html, count = re.subn(pattern, lambda m: m.group(1) + '"' + os.environ["SRI"] + '"', html)
if count != 1:
    sys.exit(f"index.html: expected one integrity attribute for {os.environ['NAME']}, found {count}")
open(path, "w", encoding="utf-8").write(html)
PY
}

# The page's wasm imports get short names, in the wasm and in its glue (scripts/shorten-imports.py).
shorten_imports() {
  local dist="$1" wasm js
  wasm="$(grep -oE 'deploysim-web-[0-9a-f]+_bg\.wasm' "$dist/index.html" | head -1)"
  js="${wasm%_bg.wasm}.js"
  [ -n "$wasm" ] && [ -f "$dist/$js" ] || { echo "error: no page wasm and glue named in $dist/index.html" >&2; return 1; }
  python3 "$ROOT/scripts/shorten-imports.py" "$dist" "$wasm" "$js" >/dev/null && set_integrity "$dist" "$wasm"
}

# Trunk's own minifier cannot read wasm-bindgen's JavaScript glue, so esbuild minifies it
# (-1.7 KiB gzipped), and the glue's integrity hash in index.html is written again to match.
# Only the page's glue (the module index.html loads): the reader worker's glue is a classic
# script whose global `wasm_bindgen` its loader calls, which an ES-module minifier would rename.
minify_glue() {
  local dist="$1" js name
  for js in "$dist"/*.js; do
    name="$(basename "$js")"
    grep -q "\./$name" "$dist/index.html" || continue
    esbuild "$js" --minify --format=esm --log-level=warning --allow-overwrite --outfile="$js" || return 1
    set_integrity "$dist" "$name" || return 1
  done
}

# The page's Content-Security-Policy, in a <meta> of dist/index.html: scripts only from the page's
# origin and the inline module that starts the app (by its hash, computed here after Trunk wrote
# it), WebAssembly compiled from those ('wasm-unsafe-eval', no eval), requests to the page's own
# origin only, no plugins, forms or <base>. Style attributes are allowed (the app sets two,
# `--tick` and a tooltip's place); frame-ancestors cannot be set by a <meta> (browsers ignore it
# there), so embedding keeps working.
lock_down() {
  python3 - "$1/index.html" <<'PY' || return 1
import base64, hashlib, re, sys
path = sys.argv[1]
html = open(path, encoding="utf-8").read()
if "Content-Security-Policy" in html:
    sys.exit(f"{path}: already has a Content-Security-Policy")
inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S)
if len(inline) != 1:
    sys.exit(f"{path}: expected one inline script (Trunk's start), found {len(inline)}")
digest = base64.b64encode(hashlib.sha256(inline[0].encode("utf-8")).digest()).decode()
policy = "; ".join([
    "default-src 'none'",
    f"script-src 'self' 'wasm-unsafe-eval' 'sha256-{digest}'",
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
])
meta = f'<meta http-equiv=Content-Security-Policy content="{policy}">'
html, count = re.subn(r"(<meta charset=\"?utf-8\"?>)", lambda m: m.group(1) + meta, html, count=1)
if count != 1:
    sys.exit(f"{path}: no <meta charset> to put the policy after")
open(path, "w", encoding="utf-8").write(html)
PY
}
