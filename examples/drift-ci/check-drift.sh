#!/usr/bin/env bash
# Drift check: `pulumi preview --refresh --expect-no-changes --diff`, with a clear verdict.
#   usage: ./check-drift.sh [stack]
#   exit 0: no drift (Layers matches the program)
#   exit 2: drift or pending changes (the preview's diff above shows which fields)
#   exit 1: the preview itself failed (bad key, unreachable API, program error): no verdict
# Pulumi CLIs with the exit-code taxonomy exit 7 when --expect-no-changes sees changes;
# older ones exit 255 for that and for errors alike, so the message is checked as well.
set -uo pipefail
cd "$(dirname "$0")"
args=(preview --refresh --expect-no-changes --diff --non-interactive)
if [ -n "${1:-}" ]; then args+=(--stack "$1"); fi
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
pulumi "${args[@]}" 2>&1 | tee "$log"
code=${PIPESTATUS[0]}
summary() { if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then echo "$1" >>"$GITHUB_STEP_SUMMARY"; fi; echo "$1"; }
if [ "$code" -eq 0 ]; then
  summary "drift-check: no drift: the personas in Layers match the program."
  exit 0
fi
if [ "$code" -eq 7 ] || grep -q "no changes were expected but changes" "$log"; then
  summary "drift-check: DRIFT: the preview above lists what differs. Run 'pulumi up --refresh' to restore the program's values, or copy the new values into the program."
  exit 2
fi
summary "drift-check: the preview failed (exit $code) before it could compare anything; see the error above and docs/troubleshooting.md."
exit 1
