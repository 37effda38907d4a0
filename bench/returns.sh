#!/usr/bin/env bash
# Reading one statutory return, in one command:  bash bench/returns.sh
#
# For each size in SIZES (children of the demo authority; default "20000 100000 400000"),
# writes the demo authority as yearly XML returns once (`scorecard demo-data --format xml`,
# cached in BUILD/bench-data/xml-N), then reads ONE return alone, the last year's SSDA903 return
# (SSDA903_2018-19.xml) and the last CIN census (CIN_Census_2018-19.xml), each from a folder
# holding only that file: `scorecard run --threads 1` with one indicator that needs the return's
# tables (cla.count for the SSDA903, cin.rereferrals for the CIN census), "2018-19 Q4" alone,
# under /usr/bin/time -v. Prints per file its size, the read time and its CPU time (the run's
# own log line `read N datasets (... MB) in X s (CPU Y s)`: expat's parse, the rows written to
# the datasets' parts and the typed load of every table the return fills), the read speed by
# the clock and per CPU second (one core: the read is single-threaded; on a shared machine the
# clock also counts waiting), the run's peak resident memory and its ratio to the file's size,
# and expat's own speed on the file (the ceiling of any reader built on it). The targets (issue 13) are >= 100 MB/s on one core
# and peak memory <= 2 x the file's size; figures and what they mean are in docs/performance.md.
#
# Environment: BUILD (default build-bench; an existing build folder is used as it is
# configured, else a Release one is configured), SIZES, RUNS (runs per file, the fastest shown;
# default 1).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$ROOT/build-bench}
mkdir -p "$BUILD"
BUILD=$(cd "$BUILD" && pwd)
SIZES=${SIZES:-"20000 100000 400000"}
RUNS=${RUNS:-1}
DATA=$BUILD/bench-data
OUT=$BUILD/bench-out/returns

if [[ ! -x /usr/bin/time ]]; then
  echo "installing the time package for /usr/bin/time" >&2
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq time >/dev/null
fi

if [[ ! -f $BUILD/CMakeCache.txt ]]; then
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$BUILD" -j"$(nproc)" --target scorecard looked_after children_in_need >/dev/null
SCORECARD=$BUILD/bin/scorecard

# expat's own speed on the same file, the ceiling of any reader built on it: the file parsed
# from memory with no handlers, and with empty element and text handlers (what every reader
# pays before doing anything with an element). A small C program, compiled here.
mkdir -p "$OUT"
cat >"$OUT/expat_alone.c" <<'CEOF'
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static void XMLCALL start(void* u, const XML_Char* n, const XML_Char** a) { (void)u; (void)n; (void)a; }
static void XMLCALL end(void* u, const XML_Char* n) { (void)u; (void)n; }
static void XMLCALL text(void* u, const XML_Char* s, int len) { (void)u; (void)s; (void)len; }
int main(int argc, char** argv) {
  if (argc != 2) return 2;
  FILE* f = fopen(argv[1], "rb");
  if (!f || fseek(f, 0, SEEK_END) != 0) return 2;
  long size = ftell(f);
  char* buf = malloc((size_t)size);
  if (!buf || fseek(f, 0, SEEK_SET) != 0 || fread(buf, 1, (size_t)size, f) != (size_t)size) return 2;
  for (int handlers = 0; handlers < 2; ++handlers) {
    double best = 1e9;
    for (int run = 0; run < 3; ++run) {
      struct timespec a, b;
      clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
      XML_Parser p = XML_ParserCreate(NULL);
      if (handlers) {
        XML_SetElementHandler(p, start, end);
        XML_SetCharacterDataHandler(p, text);
      }
      if (XML_Parse(p, buf, (int)size, 1) != XML_STATUS_OK) return 1;
      XML_ParserFree(p);
      clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
      double s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
      if (s < best) best = s;
    }
    printf("%.0f ", (double)size / 1e6 / best);
  }
  printf("\n");
  return 0;
}
CEOF
cc -O2 -o "$OUT/expat_alone" "$OUT/expat_alone.c" -lexpat

echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))," \
  "$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo);" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "scorecard: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')," \
  "$(grep -m1 CMAKE_BUILD_TYPE: "$BUILD/CMakeCache.txt" | cut -d= -f2) build"
echo

mkdir -p "$DATA" "$OUT"
results=()
for n in $SIZES; do
  dir=$DATA/xml-$n
  if [[ ! -s $DATA/xml-$n.done ]]; then
    echo "writing the demo authority for $n children as XML returns into $dir ..." >&2
    rm -rf "$dir"
    "$SCORECARD" demo-data --out "$dir" --children "$n" --format xml >"$DATA/xml-$n.done"
  fi
  for kind in ssda903 cin; do
    if [[ $kind == ssda903 ]]; then
      file=SSDA903_2018-19.xml
      indicator=cla.count
    else
      file=CIN_Census_2018-19.xml
      indicator=cin.rereferrals
    fi
    one=$DATA/xml-$n-$kind
    mkdir -p "$one"
    ln -sf "$dir/$file" "$one/$file"
    config=$DATA/returns-$n-$kind.yaml
    cat >"$config" <<EOF
# Written by bench/returns.sh: one return of the demo authority of $n children, read alone.
authority: { name: Bench Borough, code: E09000999, population_0_17: 100000 }
plugins: { directories: [] }
data: { directory: $one, on_error: fail }
indicators:
  - use: $indicator
EOF
    bytes=$(stat -L -c %s "$dir/$file")
    best=""
    for ((run = 1; run <= RUNS; run++)); do
      log=$OUT/$n-$kind.log
      rm -rf "$OUT/$n-$kind"
      /usr/bin/time -v -o "$OUT/$n-$kind.time" "$SCORECARD" run --config "$config" \
        --period "2018-19 Q4" --history 0 --threads 1 --out "$OUT/$n-$kind" --log-level info \
        --no-progress >"$log" 2>&1 || {
        echo "scorecard run failed for $file of $n children:" >&2
        tail -n 20 "$log" >&2
        exit 1
      }
      read_s=$(sed -n 's/.*read [0-9]* datasets ([0-9.]* MB) in \([0-9.]*\) s.*/\1/p' "$log")
      cpu_s=$(sed -n 's/.*read [0-9]* datasets ([0-9.]* MB) in [0-9.]* s (CPU \([0-9.]*\) s).*/\1/p' "$log")
      rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/$n-$kind.time")
      line=$(awk -v n="$n" -v f="$file" -v bytes="$bytes" -v rs="$read_s" -v cpu="$cpu_s" -v rss="$rss_kb" 'BEGIN {
          printf "%9d %-24s %9.1f %8.2f %8.2f %9.0f %9.0f %9.0f %6.2f", n, f, bytes / 1e6, rs, cpu,
            bytes / 1e6 / rs, bytes / 1e6 / cpu, rss / 1024, rss * 1024 / bytes }')
      if [[ -z $best ]] || awk -v a="$read_s" -v b="$best_s" 'BEGIN {exit !(a < b)}'; then
        best=$line
        best_s=$read_s
      fi
    done
    results+=("$best $("$OUT/expat_alone" "$dir/$file")")
  done
done

echo "Reading one XML return alone (scorecard run --threads 1, one indicator, one period)"
printf "%9s %-24s %9s %8s %8s %9s %9s %9s %6s %s\n" children file "file MB" "read s" "CPU s" \
  "MB/s" "MB/CPU-s" "peak MiB" "xfile" " expat alone MB/s (no handlers, empty handlers; CPU time, best of 3)"
for r in "${results[@]}"; do echo "$r"; done
echo
echo "Targets (issue 13): read >= 100 MB/s on one core; peak memory <= 2 x the file's size."
echo "The peak includes the process itself (about 20 MiB: the executable, plugins, the run)."
