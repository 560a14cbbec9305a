#!/usr/bin/env bash
# End-to-end checks of `adaptive render`, as a user runs it.
#   Tests/NotebookTests/render-check.sh [path/to/adaptive]   (default .build/debug/adaptive)
# Prints one line per check and "N passed, N failed"; exits 1 when a check failed.
set -uo pipefail
bin=$(realpath "${1:-.build/debug/adaptive}")
cd "$(dirname "$0")/../.."
fixtures=Tests/NotebookTests/Fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
expect() { # description expected actual
  if [ "$2" == "$3" ]; then echo "ok   $1"; passed=$((passed + 1));
  else echo "FAIL $1"; echo "  expected: $2"; echo "  got:      $3"; failed=$((failed + 1)); fi
}

"$bin" render notebooks/quickstart.md -o "$tmp/a" 2>"$tmp/err"; status=$?
expect "quickstart renders" "0" "$status"
expect "quickstart links its figure" "1" "$(grep -c '](quickstart_files/peak-1.svg)' "$tmp/a/quickstart.md")"
expect "quickstart writes svg and png" "peak-1.png peak-1.svg" "$(ls "$tmp/a/quickstart_files" | tr '\n' ' ' | sed 's/ $//')"
expect "timings go to stderr" "notebooks/quickstart.md: 4 cells" "$(tail -1 "$tmp/err" | cut -d' ' -f1-3)"
"$bin" render notebooks/quickstart.md -o "$tmp/b" 2>/dev/null
expect "two renders are byte-identical" "" "$(diff -r "$tmp/a" "$tmp/b")"
(cd "$tmp" && "$bin" render "$OLDPWD/$fixtures/figures.md" --format png 2>/dev/null)
expect "default output folder is build/notebooks" "figures.md figures_files" "$(ls "$tmp/build/notebooks" | tr '\n' ' ' | sed 's/ $//')"
expect "--format png links the png" "1" "$(grep -c '](figures_files/sine-1.png)' "$tmp/build/notebooks/figures.md")"

out=$("$bin" render $fixtures/fails.md -o "$tmp/c" 2>&1); status=$?
expect "unexpected error exits 1" "1" "$status"
expect "unexpected error names file, line and cell" \
  "adaptive: $fixtures/fails.md:9: error in cell[2]: cell[2]:2: attempt to index a nil value (local 't')" \
  "$(echo "$out" | grep '^adaptive:')"
expect "a failed render writes nothing" "" "$(ls "$tmp/c" 2>/dev/null)"
"$bin" render $fixtures/fails.md --allow-errors -o "$tmp/c" 2>/dev/null
expect "--allow-errors renders the error inline" "1" "$(grep -c "^cell\[2\]:2: attempt to index a nil value (local 't')" "$tmp/c/fails.md")"

expect "missing notebook" "adaptive: cannot read notebook no-such.md (No such file or directory) status=1" \
  "$("$bin" render no-such.md -o "$tmp/d" 2>&1) status=$?"
expect "unterminated fence" \
  "adaptive: $fixtures/unterminated.md:3: the \`\`\` {code-cell} lua fence opened here is never closed (expected a line of at least 3 '\`') status=1" \
  "$("$bin" render $fixtures/unterminated.md -o "$tmp/d" 2>&1) status=$?"
out=$("$bin" render $fixtures/hangs.md --cell-timeout 0.5 -o "$tmp/d" 2>&1); status=$?
expect "--cell-timeout stops a cell that never returns" \
  "adaptive: $fixtures/hangs.md:4: error in cell[1]: cell[1]:1: interrupted! (the cell ran longer than the cell timeout of 0.5 s) status=1" \
  "$(echo "$out" | grep '^adaptive:') status=$status"
expect "bad --format is a usage error" "64" "$("$bin" render notebooks/quickstart.md --format jpg >/dev/null 2>&1; echo $?)"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
