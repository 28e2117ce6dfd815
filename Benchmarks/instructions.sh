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

# The tutorial's listings through the interpreter, against CPython 3.11 on
# the same file: one thread (the race and locked listings with the second
# thread taken out), so the count is the interpreter's alone, not how the
# two threads happened to take turns. (instructions at 200,000 - at
# 100,000) / 100,000.
python=$(command -v python3.11 || command -v python3 || true)
if [ -n "$python" ]; then
  # pyenv's `python3` is a shell script: count the interpreter it runs.
  python=$("$python" -c 'import sys; print(sys.executable)')
  for listing in seed-race seed-locked; do
    for n in 100000 200000; do
      sed -e "s/range(1000000)/range($n)/; s/range(100)/range($n)/" \
        -e '/^t2\.\(start\|join\)()$/d' "programs/$listing.py" >"$work/$listing-$n.py"
    done
  done
  printf '\n%-12s %14s %14s\n' listing interleave "$("$python" -c 'import sys; print("python%d.%d" % sys.version_info[:2])')"
  for listing in seed-race seed-locked; do
    a=$(count "$work/interleave" run "$work/$listing-100000.py" --plain)
    b=$(count "$work/interleave" run "$work/$listing-200000.py" --plain)
    c=$(count "$python" "$work/$listing-100000.py")
    d=$(count "$python" "$work/$listing-200000.py")
    awk -v a="$a" -v b="$b" -v c="$c" -v d="$d" -v listing="$listing" \
      'BEGIN { printf "%-12s %14.0f %14.0f\n", listing, (b - a) / 100000, (d - c) / 100000 }'
  done
fi
