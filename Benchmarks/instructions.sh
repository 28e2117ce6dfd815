#!/usr/bin/env bash
# Instructions an iteration of each full-speed loop, against the same loop
# in C: counted by valgrind's callgrind, so the figure does not move with
# the machine's load or clock (wall-clock ratios here swing 0.7x-2.6x).
#   Benchmarks/instructions.sh          (needs valgrind; about two minutes)
# An iteration's cost is (instructions at 2 x LARGE - at 2 x SMALL) / (2 x
# (LARGE - SMALL)): start-up and the barrier cancel out. Interleave runs from
# a `strip --strip-debug` copy (valgrind gives up on Swift's debug info).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind is not installed" >&2; exit 69; }
swift build -c release --product interleave >/dev/null 2>&1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp .build/release/interleave "$work/interleave"
strip --strip-debug "$work/interleave"
for loop in race locked atomic; do cc -O2 -pthread -o "$work/$loop-c" "Benchmarks/c/$loop.c"; done

# Instructions one command runs, as callgrind counts them.
count() {
  valgrind --tool=callgrind --callgrind-out-file="$work/out" "$@" 2>&1 >/dev/null |
    sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
}

small=1000000
large=5000000
printf '%-8s %14s %14s\n' loop interleave c
for loop in race locked atomic; do
  a=$(count "$work/interleave" "$loop" --plain --speed full --threads 2 --iterations $small)
  b=$(count "$work/interleave" "$loop" --plain --speed full --threads 2 --iterations $large)
  c=$(count "$work/$loop-c" $small)
  d=$(count "$work/$loop-c" $large)
  awk -v a="$a" -v b="$b" -v c="$c" -v d="$d" -v n=$((2 * (large - small))) -v loop="$loop" \
    'BEGIN { printf "%-8s %14.2f %14.2f\n", loop, (b - a) / n, (d - c) / n }'
done
