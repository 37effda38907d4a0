#!/usr/bin/env bash
# YAML measures against their compiled equivalents, at national scale:  bash bench/measures.sh
#
# Over the demo authority of N children (default 1,000,000; written once into
# BUILD/bench-data/N, as bench/run.sh does), one `scorecard run` computes, one after another on
# one thread, "2018-19 Q3" and its 8 quarters of history for:
#   CLA          the standard cla.count, first, so that it (not a measured one) builds the care
#                index every looked-after indicator shares;
#   VP7-C++      examples/local-plugin (permanence, staying put counted), compiled;
#   VP7-YAML     the same in YAML (local.permanence_staying_put of examples/local-measures);
#   NI 62-C++    the standard cla.stability.short_term;
#   NI 62-YAML   the same in YAML (local.ni62 of examples/local-measures);
# and prints each one's compute time from the run's debug log ("computed CODE in S s"), best of
# RUNS runs (default 3), and the YAML / C++ ratios (the target is at most 2).
#
# Environment: BUILD (default build/test: the build with the tests, which holds the compiled
# local plugin's fixture), DATA (default BUILD/bench-data), N, RUNS.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$ROOT/build/test}
N=${N:-1000000}
RUNS=${RUNS:-3}
DATA=${DATA:-$BUILD/bench-data}
OUT=$BUILD/bench-out/measures

cmake --build "$BUILD" -j2 --target scorecard looked_after permanence measures \
  local_permanence_fixture >/dev/null
SCORECARD=$BUILD/bin/scorecard
[[ -x $SCORECARD ]] || SCORECARD=$(find "$BUILD" -name scorecard -type f -perm -u+x | head -1)

echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))," \
  "$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo);" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "scorecard: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')," \
  "$(grep -m1 CMAKE_BUILD_TYPE: "$BUILD/CMakeCache.txt" | cut -d= -f2) build, $N children"

mkdir -p "$DATA" "$OUT"
if [[ ! -s $DATA/$N.population ]]; then
  echo "writing the demo authority for $N children into $DATA/$N ..." >&2
  rm -rf "${DATA:?}/$N"
  "$SCORECARD" demo-data --out "$DATA/$N" --children "$N" |
    sed -n 's/.*population aged 0-17 for the config: \([0-9]*\).*/\1/p' >"$DATA/$N.population"
fi

# The two YAML measures as examples/local-measures/scorecard.yaml writes them.
config=$OUT/scorecard.yaml
cat >"$config" <<EOF2
authority: { name: Bench Borough, code: E09000999, population_0_17: $(cat "$DATA/$N.population") }
plugins: { directories: [$BUILD/tests/measures/local-plugin] }
data: { directory: $DATA/$N, on_error: fail }
report: { history_quarters: 8, small_numbers: 5, suppress: false }
indicators:
  - use: cla.count
    code: CLA
  - use: local.permanence_staying_put
    code: VP7-C++
  - measure: local.permanence_staying_put_yaml
    code: VP7-YAML
    parameters:
      permanent_reasons: [E11, E12, E41, E45, E46, E47, E48, E4A, E17]
    cohort: { ceased: period }
    numerator:
      - { column: REC, in: permanent_reasons }
    figure: percent
  - use: cla.stability.short_term
    code: NI 62-C++
  - measure: local.ni62
    code: NI 62-YAML
    cohort: { looked_after: end }
    numerator:
      - { rule: placements, min: 3, months: 12, at: end }
    figure: percent
EOF2

declare -A best
for ((run = 1; run <= RUNS; run++)); do
  log=$OUT/run-$run.log
  rm -rf "$OUT/out"
  "$SCORECARD" run --config "$config" --period "2018-19 Q3" --out "$OUT/out" --threads 1 \
    --log-level debug --no-progress --no-xlsx >"$log" 2>&1 || {
    echo "scorecard run failed:" >&2
    tail -n 20 "$log" >&2
    exit 1
  }
  for code in CLA VP7-C++ VP7-YAML "NI 62-C++" "NI 62-YAML"; do
    s=$(grep -F "computed $code in " "$log" | sed -n 's/.*computed .* in \([0-9.]*\) s.*/\1/p')
    if [[ -z ${best[$code]:-} ]] || awk -v a="$s" -v b="${best[$code]}" 'BEGIN {exit !(a < b)}'; then
      best[$code]=$s
    fi
  done
done

printf "%-12s %10s\n" indicator "compute s"
for code in CLA VP7-C++ VP7-YAML "NI 62-C++" "NI 62-YAML"; do
  printf "%-12s %10s\n" "$code" "${best[$code]}"
done
awk -v a="${best[VP7-YAML]}" -v b="${best[VP7-C++]}" -v c="${best[NI 62-YAML]}" \
  -v d="${best[NI 62-C++]}" 'BEGIN {
    printf "YAML / C++: VP7 %.2f, NI 62 %.2f (target: at most 2)\n", a / b, c / d }'
