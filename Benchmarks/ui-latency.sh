#!/usr/bin/env bash
# The dashboard under 256 full-speed threads at 80x24, in tmux, recording:
# how long ? takes to show the help, how long q takes to quit, and the
# intervals between frames (from the recording's output events).
#   Benchmarks/ui-latency.sh [ROUNDS]        (needs tmux; about 10 s a round)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product interleave >/dev/null 2>&1
B=$PWD/.build/release/interleave
cast=$(mktemp /tmp/ui-latency-XXXXXX.cast)
for round in $(seq 1 "${1:-3}"); do
  tmux -L ui-latency kill-server 2>/dev/null || true
  tmux -L ui-latency new -d -x 80 -y 24 -s a \
    "env -i PATH=/usr/bin:/bin HOME=/tmp TERM=xterm-256color LANG=C.UTF-8 PS1='$ ' bash --norc"
  sleep 0.3
  rm -f "$cast"
  tmux -L ui-latency send-keys -t a \
    "$B race --threads 256 --speed full --iterations 1000000000 --record $cast; echo EXIT=\$?" Enter
  sleep 5
  t0=$(date +%s%N); tmux -L ui-latency send-keys -t a '?'
  until tmux -L ui-latency capture-pane -p -t a | grep -q "Tab / Shift-Tab"; do sleep 0.005; done
  t1=$(date +%s%N)
  sleep 1
  t2=$(date +%s%N); tmux -L ui-latency send-keys -t a q
  until tmux -L ui-latency capture-pane -p -t a | grep -q "EXIT="; do sleep 0.005; done
  t3=$(date +%s%N)
  python3 - "$cast" "$(( (t1 - t0) / 1000000 ))" "$(( (t3 - t2) / 1000000 ))" "$round" <<'PY'
import json, sys
times = [json.loads(l)[0] for l in open(sys.argv[1]).readlines()[1:] if json.loads(l)[1] == "o"]
gaps = sorted(b - a for a, b in zip(times, times[1:]) if a > 1.0)
print("round %s: help after %s ms, quit after %s ms, %d frames: median %.0f ms, p90 %.0f ms, max %.0f ms"
      % (sys.argv[4], sys.argv[2], sys.argv[3], len(gaps), gaps[len(gaps) // 2] * 1000,
         gaps[int(len(gaps) * 0.9)] * 1000, gaps[-1] * 1000))
PY
  tmux -L ui-latency kill-server
done
rm -f "$cast"
