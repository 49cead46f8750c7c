#!/usr/bin/env bash
# Prints the size of what a browser downloads from dist/ (raw and gzip -9): first the first load
# (the script, wasm and style sheet index.html loads), then the reader worker's files, which the
# page fetches when the console first reads. Fails when the gzipped first load exceeds the
# 400 KiB budget (TARGET_KIB).
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

DIST="${1:-$ROOT/dist}"
TARGET_KIB="${TARGET_KIB:-400}"
[ -d "$DIST" ] || die "$DIST does not exist: run trunk build first"
[ -f "$DIST/index.html" ] || die "no index.html in $DIST: the build did not finish"
find "$DIST" -maxdepth 1 -name '*.wasm' | grep -q . || die "no .wasm file in $DIST: the build did not finish"

# The files index.html names (href="./x" or src="./x") that are wasm, js or css.
first_load=$(grep -oE '(href|src)="?\./[^" >]+\.(wasm|js|css)' "$DIST/index.html" | sed -E 's/^(href|src)="?\.\///' | sort -u)
[ -n "$first_load" ] || die "index.html in $DIST names no wasm, js or css"

# Prints one row per file of the list on stdin and a total row titled $1; sets sum_raw, sum_gz.
rows() {
  local title="$1" f raw gz
  sum_raw=0
  sum_gz=0
  while IFS= read -r f; do
    [ -n "$f" ] || continue
    [ -f "$DIST/$f" ] || die "$DIST/$f is missing"
    raw=$(wc -c <"$DIST/$f")
    gz=$(gzip -9 -c "$DIST/$f" | wc -c)
    sum_raw=$((sum_raw + raw))
    sum_gz=$((sum_gz + gz))
    printf '%-44s %10d %10d\n' "$f" "$raw" "$gz"
  done
  printf '%-44s %10d %10d  (%d KiB gzipped)\n' "$title" "$sum_raw" "$sum_gz" "$(((sum_gz + 1023) / 1024))"
}

printf '%-44s %10s %10s\n' "first load (what index.html loads)" "bytes" "gzip -9"
rows "total first load" <<<"$first_load"
first_gz=$sum_gz

later=$(cd "$DIST" && find . -path ./.stage -prune -o -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \) -print | sed 's|^\./||' | sort | grep -vxF "$first_load" || true)
if [ -n "$later" ]; then
  printf '\n%-44s\n' "loaded when the console first reads (the reader)"
  rows "total reader" <<<"$later"
fi

printf '\nfirst load: %d KiB gzipped; budget %d KiB\n' "$(((first_gz + 1023) / 1024))" "$TARGET_KIB"
if [ "$first_gz" -gt $((TARGET_KIB * 1024)) ]; then
  die "the gzipped first load is $(((first_gz + 1023) / 1024)) KiB, over the ${TARGET_KIB} KiB budget"
fi
