#!/usr/bin/env bash
# Every benchmark figure side by side in one run, with a JSON report.
#   Benchmarks/run.sh [--quick]      (--quick: under a minute)
# Writes .build/benchmarks.json; see BENCHMARKS.md for the last results.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product interleave >/dev/null 2>&1
swift build -c release --product interleave-bench >/dev/null 2>&1
swift build -c release --product interleave --scratch-path .build-nosteps \
  -Xswiftc -DINTERLEAVE_NO_STEP_POINTS >/dev/null 2>&1
cc -O2 -pthread -o .build/locked-c Benchmarks/c/locked.c
cc -O2 -pthread -o .build/race-c Benchmarks/c/race.c
.build/release/interleave-bench "$@" --c-binary .build/locked-c --race-c-binary .build/race-c \
  --no-step-points-binary .build-nosteps/release/interleave \
  --python python3 --python-script Benchmarks/python/locked.py --json .build/benchmarks.json
echo "report: .build/benchmarks.json"
# Instructions an iteration, against C (needs valgrind): a figure the
# machine's load does not move.
if command -v valgrind >/dev/null; then Benchmarks/instructions.sh; fi
