#!/usr/bin/env bash
# --isolate against in-process, in one command:  bash bench/isolate.sh
#
# For 100,000 and 1,000,000 children (SIZES overrides) runs `scorecard run` over the demo
# authority with the standard set, "2018-19 Q3" and 8 quarters of history, in-process and with
# --isolate, alternately (RUNS pairs, default 3), and prints per size the fastest total wall
# time, compute time (the run's own "computed ... in X s" line) and peak memory of each, and the
# ratios. The data are bench/run.sh's (BUILD/bench-data/N), written once when missing.
# The issue 15 target is --isolate <= 1.3 x in-process at 1M children (docs/performance.md).
#
# Environment: BUILD (a configured build tree with the scorecard and the standard plugins;
# default build-bench, configured as bench/run.sh does when missing), SIZES, RUNS, THREADS
# (scorecard --threads for both modes; default all cores).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$ROOT/build-bench}
SIZES=${SIZES:-"100000 1000000"}
RUNS=${RUNS:-3}
DATA=$BUILD/bench-data
OUT=$BUILD/bench-out/isolate

if [[ ! -x /usr/bin/time ]]; then
  echo "/usr/bin/time is missing (Debian package time; bench/run.sh installs it)" >&2
  exit 2
fi
if [[ ! -f $BUILD/CMakeCache.txt ]]; then
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DSCORECARD_BUILD_TESTS=ON \
    -DSCORECARD_BUILD_BENCH=ON >/dev/null
fi
cmake --build "$BUILD" -j"$(nproc)" --target scorecard looked_after permanence care_leavers \
  children_in_need proceedings workforce providers >/dev/null
SCORECARD=$BUILD/bin/scorecard

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo);" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "scorecard: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')," \
  "$(grep -m1 CMAKE_BUILD_TYPE: "$BUILD/CMakeCache.txt" | cut -d= -f2) build"
echo

mkdir -p "$DATA" "$OUT"
# one_run N MODE: prints "wall compute peak_mb" of one run.
one_run() {
  local n=$1 mode=$2 log=$OUT/$1-$2.log extra=()
  [[ $mode == isolate ]] && extra+=(--isolate)
  [[ -n ${THREADS:-} ]] && extra+=(--threads "$THREADS")
  rm -rf "$OUT/$n-$mode"
  /usr/bin/time -v -o "$OUT/$n-$mode.time" "$SCORECARD" run --config "$DATA/scorecard-$n.yaml" \
    --period "2018-19 Q3" --out "$OUT/$n-$mode" --no-html --no-xlsx --log-level info \
    --no-progress "${extra[@]}" >"$log" 2>&1 || {
    echo "scorecard run ($mode) failed for $n children:" >&2
    tail -n 20 "$log" >&2
    exit 1
  }
  local wall compute rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$OUT/$n-$mode.time" |
    awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s}')
  compute=$(sed -n 's/.*computed [0-9]* indicators x [0-9]* periods in \([0-9.]*\) s.*/\1/p' "$log")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/$n-$mode.time")
  echo "$wall $compute $((rss / 1024))"
}

printf "%9s %-11s %8s %10s %8s\n" children mode "total s" "compute s" "peak MB"
for n in $SIZES; do
  if [[ ! -s $DATA/$n.population ]]; then
    echo "writing the demo authority for $n children into $DATA/$n ..." >&2
    rm -rf "$DATA/$n"
    "$SCORECARD" demo-data --out "$DATA/$n" --children "$n" |
      sed -n 's/.*population aged 0-17 for the config: \([0-9]*\).*/\1/p' >"$DATA/$n.population"
  fi
  cat >"$DATA/scorecard-$n.yaml" <<YAML
# Written by bench/isolate.sh: the standard set over the demo authority of $n children.
authority:
  name: Bench Borough
  code: E09000999
  population_0_17: $(cat "$DATA/$n.population")
  postcode_centroids: $n/postcode_centroids.csv
plugins: { directories: [] }
data: { directory: $n, on_error: fail }
indicators:
  - include: $ROOT/indicators/standard.yaml
report: { history_quarters: 8, small_numbers: 5, suppress: false }
YAML
  declare -A best_wall=() best_line=()
  for ((run = 1; run <= RUNS; run++)); do
    for mode in in-process isolate; do
      read -r wall compute peak < <(one_run "$n" "$mode")
      if [[ -z ${best_wall[$mode]:-} ]] || awk -v a="$wall" -v b="${best_wall[$mode]}" 'BEGIN {exit !(a < b)}'; then
        best_wall[$mode]=$wall
        best_line[$mode]="$wall $compute $peak"
      fi
    done
  done
  # The figures must not depend on the mode.
  if ! cmp -s "$OUT/$n-in-process/scorecard.csv" "$OUT/$n-isolate/scorecard.csv"; then
    echo "the isolated run's scorecard.csv differs from the in-process one at $n children" >&2
    exit 1
  fi
  for mode in in-process isolate; do
    read -r wall compute peak <<<"${best_line[$mode]}"
    printf "%9d %-11s %8.2f %10.2f %8d\n" "$n" "$mode" "$wall" "$compute" "$peak"
  done
  read -r w0 c0 _ <<<"${best_line[in-process]}"
  read -r w1 c1 _ <<<"${best_line[isolate]}"
  awk -v n="$n" -v w0="$w0" -v w1="$w1" -v c0="$c0" -v c1="$c1" 'BEGIN {
    printf "%9d isolate / in-process: total %.2f x, compute %.2f x\n", n, w1 / w0, c1 / c0 }'
  unset best_wall best_line
done
echo
echo "Target (issue 15): --isolate at 1M children <= 1.3 x the in-process time."
