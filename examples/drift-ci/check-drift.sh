#!/usr/bin/env bash
# Drift check with a report: `layers-drift` runs `pulumi preview --refresh` (Automation API)
# and says which personas differ, field by field, with the value in the program and in Layers.
#   usage: ./check-drift.sh STACK [--json] [--events FILE]
#   exit 0: no drift (Layers matches the program)
#   exit 2: drift or pending program changes (the report lists them)
#   exit 1: could not check (bad key, unreachable API, program error): the reason on one line
# The Markdown report goes to $GITHUB_STEP_SUMMARY when set (GitHub Actions), else to stdout.
set -uo pipefail
cd "$(dirname "$0")"
if [ -z "${1:-}" ]; then
  echo "usage: ./check-drift.sh STACK [--json] [--events FILE]" >&2
  exit 1
fi
stack="$1"
shift
exec npx --no-install layers-drift --stack "$stack" --cwd . "$@"
