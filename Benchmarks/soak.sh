#!/usr/bin/env bash
# Soak: the headless dashboard for MINUTES minutes (default 10), 16 threads,
# switching every minute between the race, atomic and locked scenarios at
# full speed and the race paced at 1 ms per step (event queue under load).
# Prints resident memory every 30 s, the growth from minute 1 to the end, and
# the event account (received + dropped must equal produced; exit 1 if not).
#   Benchmarks/soak.sh [minutes]
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-10}
swift build -c release --product interleave >/dev/null
lesson=$(mktemp --suffix=.toml)
{
  echo 'title = "soak"'
  for i in $(seq "$minutes"); do
    case $((i % 4)) in
      0) scenario=race speed='"full"' ;;
      1) scenario=race speed=1 ;;
      2) scenario=atomic speed='"full"' ;;
      3) scenario=locked speed='"full"' ;;
    esac
    printf '[[steps]]\nscenario = "%s"\nthreads = 16\niterations = 1000000000\nspeed = %s\ncaption = "soak minute %d"\nwait = "60s"\n' \
      "$scenario" "$speed" "$i"
  done
} > "$lesson"
log=$(mktemp)
trap 'rm -f "$lesson" "$log"' EXIT
.build/release/interleave lesson "$lesson" --headless --record /dev/null --size 120x40 2>"$log" &
pid=$!
first=""
for t in $(seq 30 30 $((minutes * 60 - 30))); do
  sleep 30
  rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0)
  threads=$(awk '/Threads/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0)
  fds=$(ls /proc/$pid/fd 2>/dev/null | wc -l)
  echo "t=${t}s rss=${rss} KiB threads=${threads} fds=${fds}"
  [ "$t" = 60 ] && first=$rss
  last=$rss
done
status=0
wait $pid || status=$?
first=${first:-$last}
echo "growth from minute 1 to minute ${minutes}: $(( last - first )) KiB (target <= 2048 KiB)"
cat "$log"
exit $status
