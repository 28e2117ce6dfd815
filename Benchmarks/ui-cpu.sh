#!/usr/bin/env bash
# CPU used by the dashboard's UI thread (the process's main thread), in a
# real terminal (tmux, 120x40): 10 s of a full-speed race on every core,
# then 10 s paused. Reads utime + stime from /proc/PID/task/PID/stat.
#   Benchmarks/ui-cpu.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product interleave >/dev/null
command -v tmux >/dev/null || { echo "ui-cpu.sh needs tmux" >&2; exit 1; }
socket="interleave-ui-cpu-$$"
trap 'tmux -L "$socket" kill-server 2>/dev/null || true' EXIT
threads=$(nproc)
tmux -L "$socket" new-session -d -x 120 -y 40 \
  ".build/release/interleave race --threads $threads --iterations 1000000000 --speed full"
sleep 2
pid=$(pgrep -n -f "interleave race --threads $threads --iterations 1000000000 --speed full")
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$pid/task/$pid/stat"; }
measure() {
  local before after
  before=$(ticks)
  sleep 10
  after=$(ticks)
  awk -v t=$((after - before)) -v hz="$hz" -v what="$1" \
    'BEGIN { printf "%s: %d ticks in 10 s = %.1f%% of a core\n", what, t, t / hz / 10 * 100 }'
}
measure "UI thread, full-speed race on $threads threads"
tmux -L "$socket" send-keys Space
sleep 1
measure "UI thread, paused"
tmux -L "$socket" send-keys q
