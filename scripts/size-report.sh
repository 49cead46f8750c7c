#!/usr/bin/env bash
# Prints the size of what a browser downloads from dist/ (raw and gzip -9). Fails when the
# gzipped wasm + js + css exceed the 400 KiB budget (TARGET_KIB).
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

DIST="${1:-$ROOT/dist}"
TARGET_KIB="${TARGET_KIB:-400}"
[ -d "$DIST" ] || die "$DIST does not exist: run trunk build first"

total_raw=0
total_gz=0
printf '%-44s %10s %10s\n' "file" "bytes" "gzip -9"
while IFS= read -r -d '' f; do
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  printf '%-44s %10d %10d\n' "${f#"$DIST"/}" "$raw" "$gz"
done < <(find "$DIST" -path "$DIST/.stage" -prune -o -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \) -print0 | sort -z)
find "$DIST" -maxdepth 1 -name '*.wasm' | grep -q . || die "no .wasm file in $DIST: the build did not finish"

printf '%-44s %10d %10d  (%d KiB gzipped; budget %d KiB)\n' "total wasm+js+css" \
  "$total_raw" "$total_gz" "$(((total_gz + 1023) / 1024))" "$TARGET_KIB"
if [ "$total_gz" -gt $((TARGET_KIB * 1024)) ]; then
  die "gzipped wasm+js+css is $(((total_gz + 1023) / 1024)) KiB, over the ${TARGET_KIB} KiB budget"
fi
