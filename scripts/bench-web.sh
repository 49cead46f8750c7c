#!/usr/bin/env bash
# Browser figures for the release build (not part of the tests):
#   - gzipped size of dist/ wasm + js + css (budget 400 KiB),
#   - time from navigation to the first Ready pod,
#   - frame rate with 1,000 pods idle, during a rolling update, and during one under load
#     (a Service and traffic), in headless Chromium.
# BENCH_PODS, BENCH_SECONDS and BENCH_SPEED change the last one; NO_BUILD=1 reuses dist/.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

"$ROOT/scripts/setup.sh"
if [ -z "${NO_BUILD:-}" ]; then
  log "trunk build --release --offline"
  start=$(date +%s)
  build_release
  log "release build took $(($(date +%s) - start)) s"
fi
log "size of dist/ (gzip -9)"
over_budget=0
"$ROOT/scripts/size-report.sh" || over_budget=1
log "node scripts/bench-web.mjs (headless Chromium)"
node scripts/bench-web.mjs
if [ "$over_budget" -ne 0 ]; then
  die "the bundle is over its size budget (see the size table above)"
fi
