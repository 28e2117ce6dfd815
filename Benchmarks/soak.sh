#!/usr/bin/env bash
# Soak: the headless dashboard for MINUTES minutes (default 10), 16 threads,
# switching every minute between the race, atomic and locked scenarios at
# full speed and the race paced at 1 ms per step (event queue under load).
# Prints resident memory every 30 s and the growth from minute 1 to the end.
#   Benchmarks/soak.sh [minutes]
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-10}
swift build -c release --product interleave >/dev/null
lesson=$(mktemp --suffix=.toml)
trap 'rm -f "$lesson"' EXIT
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
.build/release/interleave lesson "$lesson" --headless --record /dev/null --size 120x40 &
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
wait $pid || true
echo "growth from minute 1 to minute ${minutes}: $(( last - first )) KiB (target <= 2048 KiB)"
