#!/usr/bin/env bash
# The desktop app's benchmark (issue: cold start, memory), on the release build under Xvfb:
#   - cold start: from the first instruction of `main` (the dynamic loader's 5 ms or so before it
#     are counted in neither) to an interactive portfolio of 200 clients (the frontend reports
#     when the first portfolio has rendered; see src-tauri/src/bench.rs), median of RUNS starts;
#   - grid switch: from the portfolio to a client's assessment grid of 150+ rows (two demo
#     clients, alternately), route change to the first frame with the rows, 10 switches per run;
#   - idle memory: PSS summed over the app and its WebKit processes with 200 clients, five seconds
#     after the portfolio is on screen, against the same binary showing an empty page (an empty
#     Tauri window), measured the same way; three starts of each, alternately, and the medians.
# Usage: scripts/bench-app.sh [RUNS]   (numbers go to BENCHMARKS.md by hand)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
scripts/setup.sh --test

npm run build --workspace ui --silent
# BENCH_PROFILE=debug tries the script quickly on the debug build; the numbers that count are release.
profile="${BENCH_PROFILE:-release}"
if [[ "$profile" == release ]]; then
  cargo build --release -p crosswalk -p crosswalk-cli --features custom-protocol
else
  cargo build -p crosswalk -p crosswalk-cli --features custom-protocol
fi
target_dir="$(scripts/target-dir.sh)"
app="$target_dir/$profile/crosswalk"
cli="$target_dir/$profile/crosswalk-cli"

work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/portfolio.db"
"$cli" --db "$db" demo >/dev/null
node benches/synthetic-clients.mjs 192 > "$work/clients.json"
"$cli" --db "$db" client import "$work/clients.json" >/dev/null
echo "portfolio: $("$cli" --db "$db" --json info | sed -n 's/.*"clients": \([0-9]*\).*/\1/p') clients"

Xvfb :97 -screen 0 1280x800x24 >/dev/null 2>&1 &
sleep 1
export DISPLAY=:97

pss_each() { # one line per process of the tree: its name and PSS in MB
  local pid
  for pid in $(descendants "$1"); do
    if [[ -r /proc/$pid/smaps_rollup ]]; then
      echo "    $(cat "/proc/$pid/comm"): $(($(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup") / 1024)) MB"
    fi
  done
}
pss_tree() { # PSS in kB of a process and all its descendants
  local total=0 pid
  for pid in $(descendants "$1"); do
    if [[ -r /proc/$pid/smaps_rollup ]]; then
      total=$((total + $(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")))
    fi
  done
  echo "$total"
}
descendants() {
  echo "$1"
  local child
  for child in $(pgrep -P "$1" || true); do descendants "$child"; done
}

start_app() { # start_app READY_FILE [ENV=VALUE...]; echoes the pid
  local ready="$1"; shift
  rm -f "$ready"
  env CROSSWALK_DB="$db" CROSSWALK_BENCH_READY_FILE="$ready" "$@" "$app" >>"$work/app.log" 2>&1 &
  echo $!
}

wait_ready() {
  for _ in $(seq 1 200); do [[ -s "$1" ]] && return 0; sleep 0.05; done
  echo "the app did not report ready" >&2; return 1
}

# Each run of the app is followed by one of the empty window (the same binary showing a page
# with nothing in it, which reports after its first frame): the floor of a cold start here.
times=()
empties=()
for i in $(seq 1 "$runs"); do
  pid=$(start_app "$work/ready")
  wait_ready "$work/ready"
  times+=("$(sed -n 's/.*"ready_ms": \([0-9]*\).*/\1/p' "$work/ready")")
  echo "  run $i: $(cat "$work/ready")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  pid=$(start_app "$work/ready-empty" CROSSWALK_BENCH_EMPTY_WINDOW=1)
  wait_ready "$work/ready-empty"
  empties+=("$(sed -n 's/.*"ready_ms": \([0-9]*\).*/\1/p' "$work/ready-empty")")
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "cold start to interactive portfolio (ms): ${times[*]}"
echo "  median ${sorted[$((runs / 2))]} ms, min ${sorted[0]} ms, max ${sorted[$((runs - 1))]} ms"
sorted=($(printf '%s\n' "${empties[@]}" | sort -n))
echo "cold start to the empty window's first frame (ms): ${empties[*]}"
echo "  median ${sorted[$((runs / 2))]} ms, min ${sorted[0]} ms, max ${sorted[$((runs - 1))]} ms"

# Nordlicht Logistik AG (151 rows) and Medivisor Health B.V. (154 rows) from the demo portfolio.
grid_clients="972a8469-1641-4f82-8b9d-2434e465e150,6b65a6a4-8b81-48f6-b38a-088ca65ed389"
switches=()
firsts=()
for i in $(seq 1 "$runs"); do
  rm -f "$work/grid.json"
  pid=$(start_app "$work/ready" CROSSWALK_BENCH_GRID_CLIENTS="$grid_clients" CROSSWALK_BENCH_RESULT_FILE="$work/grid.json")
  for _ in $(seq 1 400); do [[ -s "$work/grid.json" ]] && break; sleep 0.05; done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  [[ -s "$work/grid.json" ]] || { echo "the grid-switch run did not report" >&2; exit 1; }
  run_switches=($(sed -n 's/.*\[\(.*\)\].*/\1/p' "$work/grid.json" | tr -d ','))
  firsts+=("${run_switches[0]}")
  switches+=("${run_switches[@]:1}")
done
stats() { # stats VALUE...: median, p90 and max
  local sorted n
  sorted=($(printf '%s\n' "$@" | sort -n))
  n=${#sorted[@]}
  echo "median ${sorted[$((n / 2))]} ms, p90 ${sorted[$((n * 9 / 10))]} ms, max ${sorted[$((n - 1))]} ms"
}
echo "switch to a 150+ row assessment grid (ms):"
echo "  first switch of each run (code not yet warm), ${#firsts[@]} switches: $(stats "${firsts[@]}")"
echo "  the later switches, ${#switches[@]}: $(stats "${switches[@]}")"
echo "  all together: $(stats "${firsts[@]}" "${switches[@]}")"

# Memory, three times each, alternately (one sample moves by a megabyte or two): the medians.
apps=(); empties_mb=(); diffs=()
for i in 1 2 3; do
  pid=$(start_app "$work/ready")
  wait_ready "$work/ready"
  sleep 5
  app_pss=$(pss_tree "$pid")
  app_each=$(pss_each "$pid")
  kill "$pid"; wait "$pid" 2>/dev/null || true

  pid=$(start_app "$work/ready-empty" CROSSWALK_BENCH_EMPTY_WINDOW=1)
  sleep 6
  empty_pss=$(pss_tree "$pid")
  empty_each=$(pss_each "$pid")
  if ! kill "$pid" 2>/dev/null; then
    echo "the empty window exited early; its log:" >&2
    tail -20 "$work/app.log" >&2
    exit 1
  fi
  wait "$pid" 2>/dev/null || true
  apps+=($((app_pss / 1024))); empties_mb+=($((empty_pss / 1024))); diffs+=($(((app_pss - empty_pss) / 1024)))
done
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }

echo "idle memory, PSS summed over the process tree, three starts each (median):"
echo "  Crosswalk with 200 clients: $(median "${apps[@]}") MB (${apps[*]})"
echo "  empty window, same binary:  $(median "${empties_mb[@]}") MB (${empties_mb[*]})"
echo "  difference:                 $(median "${diffs[@]}") MB (${diffs[*]})"
echo "  per process, Crosswalk (last start):"
echo "$app_each"
echo "  per process, empty window (last start):"
echo "$empty_each"
