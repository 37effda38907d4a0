#!/usr/bin/env bash
# The scale benchmark, in one command:  bash bench/run.sh
#
# For 10,000, 100,000 and 1,000,000 children (SIZES overrides): writes the demo authority once
# (cached in BUILD/bench-data/N), runs `scorecard run` with the standard indicator set over
# "2018-19 Q3" and its 8-quarter history under /usr/bin/time -v, and prints per size the CSV
# bytes, the read and compute times (from the run's own log lines), the total time, the read
# speed, the peak memory and its ratio to the CSV bytes; then the Google Benchmark programs
# (the CSV reader and loader, plugin discovery). Targets are in docs/performance.md.
#
# Environment: BUILD (default build-bench), SIZES (default "10000 100000 1000000"), RUNS (runs
# per size, the fastest is shown; default 1), THREADS (scorecard --threads; default all cores),
# NO_GBENCH=1 to skip the Google Benchmark programs.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$ROOT/build-bench}
SIZES=${SIZES:-"10000 100000 1000000"}
RUNS=${RUNS:-1}
DATA=$BUILD/bench-data
OUT=$BUILD/bench-out

# /usr/bin/time -v for the peak memory (Debian package "time").
if [[ ! -x /usr/bin/time ]]; then
  echo "installing the time package for /usr/bin/time" >&2
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq time >/dev/null
fi

# The Release build with the benchmarks (incremental: quick when up to date).
if [[ ! -f $BUILD/CMakeCache.txt ]]; then
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DSCORECARD_BUILD_TESTS=ON \
    -DSCORECARD_BUILD_BENCH=ON >/dev/null
fi
cmake --build "$BUILD" -j"$(nproc)" --target bench_all >/dev/null
SCORECARD=$BUILD/bin/scorecard

echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))," \
  "$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo);" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "scorecard: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')," \
  "$(grep -m1 CMAKE_BUILD_TYPE: "$BUILD/CMakeCache.txt" | cut -d= -f2) build"
# scorecard run asks malloc for huge pages where the system gives them on request (docs/cli.md);
# SCORECARD_HUGE_PAGES=0 measures it on 4 KB pages.
echo "transparent huge pages: $(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null ||
  echo 'not available'); SCORECARD_HUGE_PAGES=${SCORECARD_HUGE_PAGES:-(not set)}"
echo

mkdir -p "$DATA" "$OUT"
results=()
for n in $SIZES; do
  dir=$DATA/$n
  # demo-data prints the population aged 0-17 that the authority stands for; it is kept beside
  # the data, and its presence says the data set is complete.
  if [[ ! -s $DATA/$n.population ]]; then
    echo "writing the demo authority for $n children into $dir ..." >&2
    rm -rf "$dir"
    "$SCORECARD" demo-data --out "$dir" --children "$n" |
      sed -n 's/.*population aged 0-17 for the config: \([0-9]*\).*/\1/p' >"$DATA/$n.population"
  fi
  population=$(cat "$DATA/$n.population")
  config=$DATA/scorecard-$n.yaml
  cat >"$config" <<EOF
# Written by bench/run.sh: the standard set over the demo authority of $n children.
authority:
  name: Bench Borough
  code: E09000999
  population_0_17: $population
  postcode_centroids: $n/postcode_centroids.csv
plugins: { directories: [] }
data: { directory: $n, on_error: fail }
indicators:
  - include: $ROOT/indicators/standard.yaml
report: { history_quarters: 8, small_numbers: 5, suppress: false }
EOF
  csv_bytes=$(find "$dir" -maxdepth 1 -name '*.csv' -printf '%s\n' | awk '{s += $1} END {print s}')
  best=""
  for ((run = 1; run <= RUNS; run++)); do
    rm -rf "$OUT/$n"
    log=$OUT/$n.log
    /usr/bin/time -v -o "$OUT/$n.time" "$SCORECARD" run --config "$config" --period "2018-19 Q3" \
      --out "$OUT/$n" --log-level info --no-progress ${THREADS:+--threads $THREADS} \
      >"$log" 2>&1 || {
      echo "scorecard run failed for $n children:" >&2
      tail -n 20 "$log" >&2
      exit 1
    }
    read_mb=$(sed -n 's/.*read [0-9]* datasets (\([0-9.]*\) MB) in \([0-9.]*\) s.*/\1/p' "$log")
    read_s=$(sed -n 's/.*read [0-9]* datasets ([0-9.]* MB) in \([0-9.]*\) s.*/\1/p' "$log")
    compute_s=$(sed -n 's/.*computed [0-9]* indicators x [0-9]* periods in \([0-9.]*\) s.*/\1/p' "$log")
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$OUT/$n.time" |
      awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s}')
    user=$(sed -n 's/.*User time (seconds): //p' "$OUT/$n.time")
    sys=$(sed -n 's/.*System time (seconds): //p' "$OUT/$n.time")
    rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/$n.time")
    line=$(awk -v n="$n" -v bytes="$csv_bytes" -v rmb="$read_mb" -v rs="$read_s" -v cs="$compute_s" \
      -v wall="$wall" -v user="$user" -v sys="$sys" -v rss="$rss_kb" 'BEGIN {
        printf "%9d %9.1f %8.2f %8.2f %8.2f %8.2f %8.0f %9.0f %6.2f %10.1f",
          n, bytes / 1e6, rs, cs, wall, user + sys, rmb / rs, rss / 1024, rss * 1024 / bytes,
          wall / (bytes / 1e9) }')
    if [[ -z $best ]] || awk -v a="$wall" -v b="$best_wall" 'BEGIN {exit !(a < b)}'; then
      best=$line
      best_wall=$wall
    fi
  done
  results+=("$best")
  echo "$best" | awk '{printf "%s children: %s s total (read %s s, compute %s s), peak %s MB\n", $1, $5, $3, $4, $8}' >&2
done

echo "End to end: scorecard run, standard set, \"2018-19 Q3\" + 8 quarters of history"
printf "%9s %9s %8s %8s %8s %8s %8s %9s %6s %10s\n" children "CSV MB" "read s" "comp. s" \
  "total s" "CPU s" "read MB/s" "peak MB" "xCSV" "s per GB"
for r in "${results[@]}"; do echo "$r"; done
echo
echo "Targets (docs/performance.md): read >= 600 MB/s; compute (9 quarters) at 1M <= 1.0 s;"
echo "total at 1M <= 6 s, at 100k <= 0.7 s; peak <= 1.1 x CSV bytes; 20 plugins loaded <= 50 ms."

if [[ -z ${NO_GBENCH:-} ]]; then
  echo
  echo "Google Benchmark: the CSV reader and loader (demo data, 30,000 children)"
  "$BUILD/bench/load_bench" --benchmark_min_time=1 2>&1 | grep -v WARNING
  echo
  echo "Google Benchmark: discovering and loading plugins"
  "$BUILD/bench/plugins_bench" 2>&1 | grep -v WARNING
  echo
  echo "Google Benchmark: grouping 10 million rows by child (RowGroups::build)"
  "$BUILD/bench/groups_bench" 2>&1 | grep -v WARNING
fi
