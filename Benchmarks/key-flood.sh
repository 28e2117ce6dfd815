#!/usr/bin/env bash
# Ten seconds of keys as fast as tmux sends them (scenario switches, pause,
# step, speed, threads, restart, theme, help), then q: how long q takes.
#   Benchmarks/key-flood.sh [BINARY]        (needs tmux)
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-}
if [ -z "$B" ]; then
  swift build -c release --product interleave >/dev/null 2>&1
  B=$PWD/.build/release/interleave
fi
tmux -L key-flood kill-server 2>/dev/null || true
tmux -L key-flood new -d -x 80 -y 24 -s a \
  "env -i PATH=/usr/bin:/bin HOME=/tmp TERM=xterm-256color LANG=C.UTF-8 PS1='$ ' bash --norc"
sleep 0.3
tmux -L key-flood send-keys -t a "$B race --threads 4 --speed 20; echo EXIT=\$?" Enter
sleep 2
end=$(( $(date +%s%N) + 10000000000 )); sent=0
while [ "$(date +%s%N)" -lt "$end" ]; do
  tmux -L key-flood send-keys -t a 1 2 3 4 5 6 Space n + - '[' ']' r t '?' 1 2 3 4 5
  sent=$((sent + 20))
done
t0=$(date +%s%N)
tmux -L key-flood send-keys -t a q
until tmux -L key-flood capture-pane -p -t a | grep -q "EXIT="; do sleep 0.01; done
t1=$(date +%s%N)
echo "$sent keys in 10 s, then q took $(( (t1 - t0) / 1000000 )) ms"
tmux -L key-flood kill-server
