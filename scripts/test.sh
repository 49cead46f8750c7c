#!/usr/bin/env bash
# shellcheck disable=SC2317  # the step_* functions are called indirectly, by name
# Every check the project has, in the order CI runs them, then a summary.
#
#   scripts/test.sh              all steps
#   scripts/test.sh e2e          only the named steps (setup always runs first):
#                                fmt clippy clippy-wasm test wasm-test build size e2e
#
# A failing step does not stop the others (but the e2e tests need the build); the exit status
# is non-zero when any step failed.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

ALL_STEPS=(fmt clippy clippy-wasm test wasm-test build size e2e)
if [ "$#" -gt 0 ]; then
  STEPS=("$@")
  for s in "${STEPS[@]}"; do
    [[ " ${ALL_STEPS[*]} " == *" $s "* ]] || die "unknown step '$s' (steps: ${ALL_STEPS[*]})"
  done
else
  STEPS=("${ALL_STEPS[@]}")
fi

# The browser tests: every tests/*.rs that opens with #![cfg(target_arch = "wasm32")].
wasm_test_args() {
  local f
  for f in tests/*.rs; do
    if head -n 20 "$f" | grep -q '^#!\[cfg(target_arch = "wasm32")\]'; then
      printf -- '--test\n%s\n' "$(basename "$f" .rs)"
    fi
  done
}

step_fmt() { cargo fmt --all -- --check; }
step_clippy() { cargo clippy --all-targets -- -D warnings; }
# The UI only compiles for wasm32, so the native clippy never sees it; the page's module is built
# without the read printers (index.html), which the second run checks.
step_clippy_wasm() {
  cargo clippy --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings &&
    cargo clippy --target wasm32-unknown-unknown --no-default-features --lib --bins -- -D warnings
}
step_test() { cargo test; }
step_wasm_test() {
  local args
  mapfile -t args < <(wasm_test_args)
  [ "${#args[@]}" -gt 0 ] || die "no wasm test files found in tests/"
  # tests/ui_state.rs replays a whole simulated day in a debug build: on a loaded 2-core machine
  # that outlasts the runner's default 20 s per test file.
  WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-300}" \
    cargo test --target wasm32-unknown-unknown "${args[@]}"
}
step_build() { build_release; }
step_size() { "$ROOT/scripts/size-report.sh"; }
step_e2e() {
  [ -f dist/index.html ] || die "dist/ is missing: the build step must run first"
  node --test --test-concurrency=1 --test-reporter=spec tests/e2e/*.test.mjs
}

NAMES=()
RESULTS=()
TIMES=()
FAILED=0
BUILD_FAILED=0
run_step() {
  local name="$1" fn="step_${1//-/_}" start rc
  log "[$name]"
  start=$(date +%s)
  set +e
  (set -e; "$fn")
  rc=$?
  set -e
  NAMES+=("$name")
  TIMES+=("$(($(date +%s) - start))")
  if [ "$rc" -eq 0 ]; then
    RESULTS+=("ok")
  else
    RESULTS+=("FAILED (exit $rc)")
    FAILED=1
    [ "$name" != build ] || BUILD_FAILED=1
  fi
  return 0
}

TOTAL_START=$(date +%s)
log "[setup]"
"$ROOT/scripts/setup.sh"
for s in "${STEPS[@]}"; do
  if { [ "$s" = e2e ] || [ "$s" = size ]; } && [ "$BUILD_FAILED" -eq 1 ]; then
    NAMES+=("$s"); RESULTS+=("skipped (build failed)"); TIMES+=(0); FAILED=1
    continue
  fi
  run_step "$s"
done

echo
echo "Summary"
echo "-------"
for i in "${!NAMES[@]}"; do
  printf '  %-12s %-24s %5ss\n' "${NAMES[$i]}" "${RESULTS[$i]}" "${TIMES[$i]}"
done
printf '  %-12s %-24s %5ss\n' total "$([ "$FAILED" -eq 0 ] && echo ok || echo FAILED)" \
  "$(($(date +%s) - TOTAL_START))"
exit "$FAILED"
