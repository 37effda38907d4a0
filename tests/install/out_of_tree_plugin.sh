#!/usr/bin/env bash
# usage: out_of_tree_plugin.sh SOURCE_DIR BUILD_DIR WORK_DIR
set -euo pipefail
src=$1 build=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
prefix=$work/prefix

cmake --install "$build" --prefix "$prefix" > "$work/install.log"
scorecard=$prefix/bin/scorecard
before=$(sha256sum "$scorecard")

cmake -S "$src/examples/local-plugin" -B "$work/local" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release > "$work/configure.log"
cmake --build "$work/local" > "$work/build.log"
test -f "$work/local/local_permanence.so" || { echo "FAIL: no local_permanence.so"; exit 1; }

"$scorecard" plugins list --plugin-dir "$work/local" --json > "$work/list.json"
python3 - "$work/list.json" "$work/local/local_permanence.so" "$prefix" <<'PY'
import json, sys
listing = json.load(open(sys.argv[1]))
files = {f["file"]: f for f in listing["plugins"]}
local = files.get(sys.argv[2])
assert local, f"local plugin not listed: {list(files)}"
assert local["status"] == "ok", local
ids = [i["id"] for i in local["indicators"]]
assert ids == ["local.permanence_staying_put"], ids
standard = [f for f in files if f.startswith(sys.argv[3])]
assert standard, "the installed standard plugins were not found"
assert all(files[f]["status"] == "ok" for f in standard), [files[f] for f in standard]
assert not listing["problems"], listing["problems"]
print(f"ok: local plugin listed with {len(standard)} installed standard plugins")
PY
after=$(sha256sum "$scorecard")
[ "$before" = "$after" ] || { echo "FAIL: scorecard changed"; exit 1; }
