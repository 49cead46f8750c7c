#!/usr/bin/env bash
# Builds the release bundle and serves it at http://127.0.0.1:8080/ (PORT=... to change).
# Everything the page needs is in dist/; it makes no other request.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

"$ROOT/scripts/setup.sh"
log "trunk build --release --offline"
build_release
PORT="${PORT:-8080}"
log "serving dist/ at http://127.0.0.1:${PORT}/ (Ctrl-C to stop)"
cd "$ROOT/dist"
exec python3 -m http.server "$PORT" --bind 127.0.0.1
