#!/usr/bin/env bash
# usage: debian_packages.sh SOURCE_DIR BUILD_DIR WORK_DIR VERSION
# Builds the two Debian packages with CPack from the built tree, checks what each holds,
# unpacks both into a temporary root (dpkg -x, as root would not be needed to try them), then
# from there: runs the demo with its `include: standard`, `init` on the demo data, `describe`,
# and builds examples/local-plugin against the unpacked SDK and lists it.
set -euo pipefail
src=$1 build=$2 work=$3 version=$4
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$work" && cpack --config "$build/CPackConfig.cmake" -B "$work/packages" > "$work/cpack.log" 2>&1) \
  || { cat "$work/cpack.log"; fail "cpack"; }
arch=$(dpkg --print-architecture)
program=$work/packages/scorecard_${version}_${arch}.deb
sdk=$work/packages/scorecard-sdk_${version}_all.deb
[ -f "$program" ] || { ls "$work/packages"; fail "no $program"; }
[ -f "$sdk" ] || { ls "$work/packages"; fail "no $sdk"; }

# What each package says of itself and holds.
[ "$(dpkg-deb -f "$program" Package)" = scorecard ] || fail "package name"
[ "$(dpkg-deb -f "$sdk" Package)" = scorecard-sdk ] || fail "sdk package name"
dpkg-deb -f "$sdk" Depends | grep -q "scorecard (= $version)" || fail "scorecard-sdk must depend on scorecard $version"
dpkg-deb -f "$program" Depends | grep -q "libyaml-cpp" || fail "scorecard's Depends lack the libraries it links: $(dpkg-deb -f "$program" Depends)"
dpkg-deb -c "$program" | awk '{print $6}' > "$work/program.files"
dpkg-deb -c "$sdk" | awk '{print $6}' > "$work/sdk.files"
for f in ./usr/bin/scorecard ./usr/lib/scorecard/plugins/looked_after.so \
         ./usr/share/scorecard/standard.yaml ./usr/share/scorecard/corporate-parenting-board.yaml \
         ./usr/share/scorecard/datasets/episodes.yaml ./usr/share/scorecard/benchmarks/dfe.yaml \
         ./usr/share/scorecard/benchmarks/dfe/sn_model_2025_wide.csv; do
  grep -qx "$f" "$work/program.files" || fail "scorecard lacks $f"
done
for f in ./usr/include/scorecard/sdk.hpp ./usr/lib/cmake/ScorecardSDK/ScorecardSDKConfig.cmake; do
  grep -qx "$f" "$work/sdk.files" || fail "scorecard-sdk lacks $f"
done
if grep -q "^./usr/include" "$work/program.files"; then fail "headers in the program package"; fi
if grep -q "^./usr/bin" "$work/sdk.files"; then fail "the program in the sdk package"; fi

root=$work/root
dpkg -x "$program" "$root"
dpkg -x "$sdk" "$root"
scorecard=$root/usr/bin/scorecard

# The demo, as a user copies it: its configuration (include: standard) beside its data.
mkdir -p "$work/demo"
cp "$src/examples/demo/scorecard.yaml" "$work/demo/"
# Its DfE benchmarks are named (`published: dfe`): the package's copy, found beside its bin/.
grep -qx "  published: dfe" "$work/demo/scorecard.yaml" \
  || fail "the demo's benchmarks: published line has changed; update this test"
ln -s "$src/examples/demo/data" "$work/demo/data"
"$scorecard" run --config "$work/demo/scorecard.yaml" --period "2018-19 Q3" --out "$work/out" \
  --log-level warn > "$work/run.log" 2>&1 || { cat "$work/run.log"; fail "the demo did not run from the package"; }
grep -q "^Demo Borough, 2018-19 Q3: " "$work/run.log" || { cat "$work/run.log"; fail "run summary"; }
for f in scorecard.json scorecard.csv scorecard.html scorecard.xlsx history.sqlite; do
  [ -s "$work/out/$f" ] || fail "no $f"
done
python3 - "$work/out/scorecard.json" "$root" <<'PY'
import json, sys
card = json.load(open(sys.argv[1]))
ids = {i["code"]: i for i in card["indicators"]}
assert len(ids) >= 30, len(ids)
assert all(i["status"] == "ok" for i in ids.values()), [(c, i["message"]) for c, i in ids.items() if i["status"] != "ok"]
assert ids["NI 62"]["set"] == "standard", ids["NI 62"]["set"]
published = card["published_benchmarks"]["directory"]
assert published == sys.argv[2] + "/usr/share/scorecard/benchmarks/dfe", published
assert ids["NI 62"]["periods"][-1]["published"]["england"] == 10, ids["NI 62"]["periods"][-1]["published"]
PY

# init on the demo data from the package: the sets and schemas are the package's.
mkdir -p "$work/init"
(cd "$work/init" && "$scorecard" init --data "$src/examples/demo/data" --log-level error > init.out 2>&1) \
  || [ $? -eq 1 ] || { cat "$work/init/init.out"; fail "init"; }
grep -q "include: standard" "$work/init/scorecard.yaml" || fail "init's config has no include: standard"
grep -q "^can compute (" "$work/init/init.out" || { cat "$work/init/init.out"; fail "init's list"; }
"$scorecard" validate --config "$work/init/scorecard.yaml" > "$work/validate.log" 2>&1 \
  || { cat "$work/validate.log"; fail "init's config does not validate"; }

"$scorecard" describe "NI 62" > "$work/describe.out" || fail "describe"
grep -q "^NI 62: " "$work/describe.out" || { cat "$work/describe.out"; fail "describe's title"; }
grep -q "^  definition  " "$work/describe.out" || fail "describe's definition"
grep -q "$root/usr/lib/scorecard/plugins/looked_after.so" "$work/describe.out" \
  || { cat "$work/describe.out"; fail "describe did not read the package's plugin"; }

# A council's plugin, built against the unpacked SDK, listed by the unpacked program.
cmake -S "$src/examples/local-plugin" -B "$work/local" -DCMAKE_PREFIX_PATH="$root/usr" \
  -DCMAKE_BUILD_TYPE=Release > "$work/local.log" 2>&1 || { cat "$work/local.log"; fail "configure local-plugin"; }
cmake --build "$work/local" >> "$work/local.log" 2>&1 || { cat "$work/local.log"; fail "build local-plugin"; }
grep -q "$root/usr/lib/cmake/ScorecardSDK" "$work/local/CMakeCache.txt" \
  || fail "local-plugin did not find the unpacked SDK"
"$scorecard" plugins list --plugin-dir "$work/local" --json > "$work/list.json"
python3 - "$work/list.json" "$work/local/local_permanence.so" <<'PY'
import json, sys
files = {f["file"]: f for f in json.load(open(sys.argv[1]))["plugins"]}
local = files.get(sys.argv[2])
assert local and local["status"] == "ok", local
PY
echo "ok: scorecard and scorecard-sdk $version build, unpack, run the demo and build a plugin"
