#!/usr/bin/env bash
# Full-speed `locked`, 2 threads x 1,000,000, whole process, against the same
# loop in C with a pthread mutex (Benchmarks/c/locked.c). Medians of N runs.
#   Benchmarks/locked-vs-c.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
swift build -c release --product interleave >/dev/null
cc -O2 -pthread -o .build/locked-c Benchmarks/c/locked.c

median_ms() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

c=$(median_ms .build/locked-c)
swift=$(median_ms .build/release/interleave locked --threads 2 --iterations 1000000 --plain)
echo "C pthread mutex:      ${c} ms"
echo "interleave locked:    ${swift} ms"
awk -v s="$swift" -v c="$c" 'BEGIN {printf "ratio:                %.2fx (target <= 1.3x)\n", s / c}'
