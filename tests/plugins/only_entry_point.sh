#!/usr/bin/env bash
# usage: only_entry_point.sh PLUGIN.so...
# Each plugin built with scorecard_add_indicator exports one dynamic symbol: the C entry point
# (the SDK's linker version script hides every C++ symbol, the plugin's and the inlined SDK's).
set -euo pipefail
status=0
for so in "$@"; do
  exported=$(nm -D --defined-only "$so" | awk '{print $3}' | sort -u | tr '\n' ' ')
  if [[ "$exported" != "scorecard_get_plugin_info " ]]; then
    echo "FAIL: $so exports: $exported"
    status=1
  else
    echo "ok: $so exports only scorecard_get_plugin_info"
  fi
done
exit $status
