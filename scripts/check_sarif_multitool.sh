#!/usr/bin/env bash
# Validate claimlint's SARIF with Microsoft's official SARIF Multitool, GitHub ingestion rules on.
# Usage: scripts/check_sarif_multitool.sh [PATHS...]   (default: samples/; needs npm and claimlint)
# Exits 1 when the Multitool reports any error-level result (it exits 0 itself even then).
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${CLAIMLINT_SHARED:-../shared}"
tool_dir="${MULTITOOL_DIR:-${TMPDIR:-/tmp}/claimlint-multitool}"
multitool="$tool_dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [ ! -x "$multitool" ]; then
  npm install --silent --no-audit --no-fund --prefix "$tool_dir" @microsoft/sarif-multitool >/dev/null
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
claimlint check --format sarif --show-suppressed --exit-zero -o "$work/claimlint.sarif" "${@:-samples/}"
"$multitool" validate "$work/claimlint.sarif" --rule-kind "Sarif;Gh" \
  --config "$shared/sarif/multitool-github-rules.xml" -o "$work/report.sarif" --log ForceOverwrite >/dev/null
python3 - "$work/report.sarif" <<'PY'
import json, sys
from collections import Counter
report = json.load(open(sys.argv[1], encoding="utf-8-sig"))
results = [r for run in report["runs"] for r in run.get("results", [])]
levels = Counter(r.get("level", "warning") for r in results)
for r in results:
    text = r["message"].get("text") or " ".join(r["message"].get("arguments", []))
    print(f"  {r.get('level', 'warning')}: {r['ruleId']}: {text}")
print(f"SARIF Multitool: {levels['error']} errors, {levels['warning']} warnings, {levels['note']} notes")
sys.exit(1 if levels["error"] else 0)
PY
