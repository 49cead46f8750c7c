#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers (cargo fuzz, libFuzzer): each target of fuzz/ runs for
# SECONDS from its committed seeds, one target after the other, at the lowest priority.
#
#   scripts/fuzz.sh                  every target, 60 s each
#   scripts/fuzz.sh 600              every target, 10 minutes each
#   scripts/fuzz.sh 120 manifest     only the named targets
#
# Needs the nightly toolchain (installed with rustup when missing) and cargo-fuzz (installed
# with cargo when missing). What a run adds to the corpus stays in fuzz/corpus/TARGET/ (not
# committed; the next run starts from it too) and its log in fuzz/logs/TARGET.log. A crash is
# minimised (`cargo fuzz tmin`) into fuzz/artifacts/TARGET/ and makes the exit status non-zero:
# fix the bug, and commit the minimised input under fuzz/regressions/TARGET/, which
# tests/fuzz_regressions.rs replays.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT/fuzz"

ALL_TARGETS=(yaml_reader manifest kubectl_live scenario share_link)
SECONDS_EACH="${1:-60}"
[[ "$SECONDS_EACH" =~ ^[0-9]+$ ]] || die "SECONDS must be a whole number, got '$SECONDS_EACH'"
shift $(($# > 0 ? 1 : 0))
TARGETS=("$@")
[ "${#TARGETS[@]}" -gt 0 ] || TARGETS=("${ALL_TARGETS[@]}")
for t in "${TARGETS[@]}"; do
  [[ " ${ALL_TARGETS[*]} " == *" $t "* ]] || die "unknown target '$t' (targets: ${ALL_TARGETS[*]})"
done

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  log "rustup toolchain install nightly --profile minimal"
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  log "cargo install --locked cargo-fuzz"
  cargo install --locked cargo-fuzz
fi

# No sanitizer: the crate has no unsafe code, and without AddressSanitizer it runs several times
# faster. Debug assertions stay on (cargo fuzz's default), so an overflow is a crash too.
TARGET_DIR="${CARGO_TARGET_DIR:+$CARGO_TARGET_DIR/fuzz}"
FUZZ=(cargo +nightly fuzz)
OPTS=(--sanitizer none --target-dir "${TARGET_DIR:-$ROOT/fuzz/target}")
mkdir -p logs

log "cargo fuzz build (${TARGETS[*]})"
nice -n 19 "${FUZZ[@]}" build "${OPTS[@]}"

SUMMARY=()
FAILED=0
for t in "${TARGETS[@]}"; do
  log "[$t] ${SECONDS_EACH}s"
  mkdir -p "corpus/$t" "artifacts/$t"
  dict=()
  [ ! -f "dicts/$t.dict" ] || dict=("-dict=dicts/$t.dict")
  set +e
  nice -n 19 "${FUZZ[@]}" run "${OPTS[@]}" "$t" "corpus/$t" "seeds/$t" -- \
    -max_total_time="$SECONDS_EACH" -timeout=30 -print_final_stats=1 "${dict[@]}" \
    >"logs/$t.log" 2>&1
  rc=$?
  set -e
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "logs/$t.log" | tail -n1)"
  speed="$(sed -n 's/^stat::average_exec_per_sec: *//p' "logs/$t.log" | tail -n1)"
  corpus="$(grep -o 'corp: [0-9]*/[0-9A-Za-z]*' "logs/$t.log" | tail -n1 | cut -d' ' -f2)"
  artifact="$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "logs/$t.log" | tail -n1)"
  if [ "$rc" -eq 0 ]; then
    result=ok
  elif [ -n "$artifact" ]; then
    FAILED=1
    result="FOUND $(basename "$artifact")"
    case "$(basename "$artifact")" in
      crash-*)
        log "[$t] minimising $artifact"
        nice -n 19 "${FUZZ[@]}" tmin "${OPTS[@]}" "$t" "$artifact" >>"logs/$t.log" 2>&1 || true
        ;;
    esac
  else
    FAILED=1
    result="FAILED (exit $rc, see fuzz/logs/$t.log)"
  fi
  SUMMARY+=("$(printf '  %-13s %12s %8s %14s  %s' "$t" "${runs:-?}" "${speed:-?}" "${corpus:-?}" "$result")")
done

echo
printf '  %-13s %12s %8s %14s  %s\n' target executions exec/s "corpus (n/size)" result
printf '%s\n' "${SUMMARY[@]}"
if [ "$FAILED" -ne 0 ]; then
  echo
  echo "Crash inputs and their minimised forms are in fuzz/artifacts/TARGET/; the log says how"
  echo "each failed. Keep the minimised one under fuzz/regressions/TARGET/ with the fix."
fi
exit "$FAILED"
