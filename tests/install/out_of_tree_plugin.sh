#!/usr/bin/env bash
# usage: out_of_tree_plugin.sh SOURCE_DIR BUILD_DIR WORK_DIR
# Installs scorecard into a temporary prefix, then, against that installed SDK and with the
# installed scorecard (never rebuilt):
#  1. builds examples/local-plugin out of tree three ways: g++, clang++, and g++ with
#     -D_GLIBCXX_DEBUG (another standard-library layout); runs its own test (ctest) each time;
#     loads each build and checks that the three give the same figures on the demo data;
#  2. writes a new plugin with `scorecard new-plugin`, builds it, passes its test, loads it.
set -euo pipefail
src=$1 build=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
prefix=$work/prefix

cmake --install "$build" --prefix "$prefix" > "$work/install.log"
scorecard=$prefix/bin/scorecard
before=$(sha256sum "$scorecard")
for f in include/scorecard/testing.hpp include/scorecard/abi.h lib/cmake/ScorecardSDK/scorecard_plugin.map; do
  [ -f "$prefix/$f" ] || { echo "FAIL: $f is not installed"; exit 1; }
done

# build NAME SOURCE CMAKE_ARGS...: configures, builds and runs ctest in $work/NAME.
build_and_test() {
  local name=$1 source=$2
  shift 2
  cmake -S "$source" -B "$work/$name" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
    "$@" > "$work/$name.configure.log" 2>&1 || { cat "$work/$name.configure.log"; exit 1; }
  cmake --build "$work/$name" -j2 > "$work/$name.build.log" 2>&1 || { cat "$work/$name.build.log"; exit 1; }
  (cd "$work/$name" && ctest --output-on-failure > "$work/$name.ctest.log" 2>&1) ||
    { echo "FAIL: $name's own test"; cat "$work/$name.ctest.log"; exit 1; }
  grep -q "100% tests passed" "$work/$name.ctest.log" || { cat "$work/$name.ctest.log"; exit 1; }
  echo "ok: $name built and its test passed"
}

build_and_test gcc "$src/examples/local-plugin" -DCMAKE_CXX_COMPILER=g++
build_and_test clang "$src/examples/local-plugin" -DCMAKE_CXX_COMPILER=clang++
build_and_test glibcxx_debug "$src/examples/local-plugin" -DCMAKE_CXX_COMPILER=g++ \
  -DCMAKE_CXX_FLAGS=-D_GLIBCXX_DEBUG
grep -q clang "$work/clang/CMakeCache.txt" || { echo "FAIL: the clang build did not use clang"; exit 1; }

# Each build listed and run on the demo data by the installed scorecard.
for b in gcc clang glibcxx_debug; do
  "$scorecard" plugins list --plugin-dir "$work/$b" --json > "$work/$b.list.json" || true
  cat > "$work/$b.yaml" <<YAML
authority: { name: Demo Borough, code: E09000999, population_0_17: 80846 }
plugins:
  directories: ["$work/$b"]
data:
  directory: "$src/examples/demo/data"
indicators:
  - use: local.permanence_staying_put
  - use: cla.permanence
YAML
  "$scorecard" run --config "$work/$b.yaml" --period "2018-19" --history 4 --out "$work/$b.out" \
    --no-html --no-xlsx > "$work/$b.run.log" 2>&1 || { cat "$work/$b.run.log"; exit 1; }
done
python3 - "$work" "$prefix" <<'PY'
import json, sys
work, prefix = sys.argv[1], sys.argv[2]
figures = {}
for b in ("gcc", "clang", "glibcxx_debug"):
    listing = json.load(open(f"{work}/{b}.list.json"))
    files = {f["file"]: f for f in listing["plugins"]}
    local = files.get(f"{work}/{b}/local_permanence.so")
    assert local, f"{b}: local plugin not listed: {list(files)}"
    assert local["status"] == "ok", local
    assert [i["id"] for i in local["indicators"]] == ["local.permanence_staying_put"], local
    standard = [f for f in files if f.startswith(prefix)]
    assert standard and all(files[f]["status"] == "ok" for f in standard), [files[f] for f in standard]
    card = json.load(open(f"{work}/{b}.out/scorecard.json"))
    ind = [i for i in card["indicators"] if i["id"] == "local.permanence_staying_put"][0]
    assert ind["status"] == "ok", ind
    figures[b] = [(p["label"], p["numerator"], p["denominator"], p["value"]) for p in ind["periods"]]
    assert figures[b] and all(v is not None for _, _, _, v in figures[b]), figures[b]
assert figures["clang"] == figures["gcc"], (figures["clang"], figures["gcc"])
assert figures["glibcxx_debug"] == figures["gcc"], (figures["glibcxx_debug"], figures["gcc"])
print(f"ok: g++, clang++ and -D_GLIBCXX_DEBUG builds give the same figures: {figures['gcc']}")
PY

# A new plugin from the template: builds, passes its own test, and loads.
"$scorecard" new-plugin foster_share --out "$work/foster_share" > "$work/new-plugin.log"
build_and_test foster_share_build "$work/foster_share"
"$scorecard" plugins check "$work/foster_share_build/foster_share.so" > "$work/check.log" ||
  { cat "$work/check.log"; exit 1; }
grep -q "local.foster_share" "$work/check.log" || { cat "$work/check.log"; exit 1; }
echo "ok: scorecard new-plugin's folder builds, passes its test and loads"

after=$(sha256sum "$scorecard")
[ "$before" = "$after" ] || { echo "FAIL: scorecard changed"; exit 1; }
